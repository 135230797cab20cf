import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/domainError.ts";
import { command, instant, plainText, sentence, typed, user } from "../../src/core/domainText.ts";

describe("domain text", () => {
  it("keeps the references of a sentence apart from its words", () => {
    expect(sentence`${user("U1")} owns ${"TS-2026-0001"} (E${3}).`).toEqual([
      { user: "U1" },
      " owns TS-2026-0001 (E3).",
    ]);
  });

  it("reads as plain text with ids, UTC and the typed text cut to its bound", () => {
    const text = sentence`${user("U1")} at ${instant(Date.UTC(2026, 2, 1, 10, 5))}: ${typed("abcdef", 4)}, see ${command("evidence list")}`;
    expect(plainText(text)).toBe("U1 at 2026-03-01 10:05 UTC: abc…, see evidence list");
  });

  it("gives a DomainError its plain message and keeps the references", () => {
    const error = new DomainError("conflict", sentence`${user("U1")} already owns it.`);
    expect(error.message).toBe("U1 already owns it.");
    expect(error.text).toEqual([{ user: "U1" }, " already owns it."]);
  });
});
