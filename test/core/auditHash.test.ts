import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  canonicalEventJson,
  canonicalJson,
  GENESIS_HASH,
  hashEvent,
  type StoredEvent,
  verifyChain,
} from "../../src/core/auditHash.ts";

function chain(count: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const fields = {
      caseId: 1,
      seq,
      at: 1_000 * seq,
      actor: "U1",
      kind: "note",
      payloadJson: canonicalJson({ n: seq }),
    };
    const hash = hashEvent(prev, fields);
    events.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe("audit hash", () => {
  it("serialises objects with sorted keys at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("builds the same canonical text around a stored payload as canonicalJson of the whole event", () => {
    const payload = { z: [1, { b: "<&>", a: null }], a: "ünï" };
    const event = { caseId: 7, seq: 3, at: 99, actor: 'U"1', kind: "k", payloadJson: canonicalJson(payload) };
    expect(canonicalEventJson(event)).toBe(
      canonicalJson({ caseId: 7, seq: 3, at: 99, actor: 'U"1', kind: "k", payload }),
    );
  });

  it("hashes the previous hash followed by the canonical event", () => {
    const fields = {
      caseId: 3,
      seq: 1,
      at: 5,
      actor: "U9",
      kind: "case_opened",
      payloadJson: canonicalJson({ x: "y" }),
    };
    const expected = createHash("sha256")
      .update(
        GENESIS_HASH +
          JSON.stringify({ actor: "U9", at: 5, caseId: 3, kind: "case_opened", payload: { x: "y" }, seq: 1 }),
      )
      .digest("hex");
    expect(hashEvent(GENESIS_HASH, fields)).toBe(expected);
  });

  it("accepts an intact chain", () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, events: 5 });
  });

  it("names the first event whose content was changed", () => {
    const events = chain(5);
    events[2] = { ...(events[2] as StoredEvent), payloadJson: '{"n":99}' };
    expect(verifyChain(events)).toEqual({ ok: false, seq: 3, reason: "hash does not match" });
  });

  it("names a missing event", () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ ok: false, seq: 3 });
  });
});
