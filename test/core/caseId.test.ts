import { describe, expect, it } from "vitest";
import { formatCaseId, parseCaseId, warRoomChannelName } from "../../src/core/caseId.ts";

describe("case ids", () => {
  it("formats the human id with a four-digit sequence", () => {
    expect(formatCaseId(2026, 7)).toBe("TS-2026-0007");
    expect(formatCaseId(2026, 12345)).toBe("TS-2026-12345");
  });

  it.each([
    ["TS-2026-0007", { year: 2026, seq: 7 }],
    ["ts-2026-7", { year: 2026, seq: 7 }],
    ["  TS-2027-0100 ", { year: 2027, seq: 100 }],
  ])("parses %j", (text, expected) => {
    expect(parseCaseId(text)).toEqual(expected);
  });

  it.each(["", "TS-26-1", "TS-2026-", "CASE-2026-0001", "TS-2026-0001; drop"])("refuses %j", (text) => {
    expect(parseCaseId(text)).toBeUndefined();
  });
});

describe("war-room channel names", () => {
  it("uses year, sequence and category only", () => {
    expect(warRoomChannelName(2026, 42, "physical-safety")).toBe("ts-2026-0042-physical-safety");
  });

  it("adds a suffix on later attempts", () => {
    expect(warRoomChannelName(2026, 42, "theft", 2)).toBe("ts-2026-0042-theft-2");
  });

  it("stays within Slack's 80 characters, suffix included, in Slack's character set", () => {
    const name = warRoomChannelName(2026, 42, "x".repeat(100), 17);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name.endsWith("-17")).toBe(true);
    expect(name).toMatch(/^[a-z0-9_-]+$/);
  });
});
