import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/domainError.ts";
import {
  assertTransition,
  CASE_STATUSES,
  type CaseStatus,
  canTransition,
  isCaseStatus,
  isOpenStatus,
  pausesSlaClock,
  statusLabel,
  TRANSITIONS,
} from "../../src/core/lifecycle.ts";

// The lifecycle as a reader would list it; the table in core must say exactly this.
const ALLOWED: [CaseStatus, CaseStatus][] = [
  ["new", "triage"],
  ["new", "investigating"],
  ["new", "merged"],
  ["triage", "investigating"],
  ["triage", "resolved"],
  ["triage", "merged"],
  ["investigating", "waiting_reporter"],
  ["investigating", "waiting_respondent"],
  ["investigating", "waiting_consult"],
  ["investigating", "decision"],
  ["investigating", "merged"],
  ["waiting_reporter", "investigating"],
  ["waiting_reporter", "waiting_respondent"],
  ["waiting_reporter", "waiting_consult"],
  ["waiting_reporter", "merged"],
  ["waiting_respondent", "investigating"],
  ["waiting_respondent", "waiting_reporter"],
  ["waiting_respondent", "waiting_consult"],
  ["waiting_respondent", "merged"],
  ["waiting_consult", "investigating"],
  ["waiting_consult", "waiting_reporter"],
  ["waiting_consult", "waiting_respondent"],
  ["waiting_consult", "merged"],
  ["decision", "resolved"],
  ["decision", "investigating"],
  ["decision", "merged"],
  ["resolved", "closed"],
  ["resolved", "appealed"],
  ["resolved", "merged"],
  ["closed", "appealed"],
  ["appealed", "investigating"],
  ["appealed", "closed"],
  ["appealed", "merged"],
];

const key = (from: CaseStatus, to: CaseStatus) => `${from}->${to}`;
const allowedKeys = new Set(ALLOWED.map(([from, to]) => key(from, to)));
const REFUSED: [CaseStatus, CaseStatus][] = CASE_STATUSES.flatMap((from) =>
  CASE_STATUSES.filter((to) => !allowedKeys.has(key(from, to))).map((to): [CaseStatus, CaseStatus] => [from, to]),
);

describe("case lifecycle transitions", () => {
  it("has a row for every status and nothing else", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CASE_STATUSES].sort());
  });

  it("matches the specification list exactly", () => {
    const table = CASE_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => key(from, to)));
    expect(table.sort()).toEqual([...allowedKeys].sort());
  });

  it.each(ALLOWED)("allows %s -> %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(REFUSED)("refuses %s -> %s with invalid_transition", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let thrown: unknown;
    try {
      assertTransition(from, to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: "invalid_transition" });
  });

  it("explains a refusal in words a specialist understands", () => {
    expect(() => assertTransition("closed", "investigating")).toThrow(
      "A case that is closed cannot move to investigating.",
    );
    expect(() => assertTransition("new", "decision")).toThrow("A case that is new cannot move to awaiting decision.");
  });

  it("never lets a case stay in place by 'moving' to its own status", () => {
    for (const s of CASE_STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it("treats merged as terminal", () => {
    expect(TRANSITIONS.merged).toEqual([]);
  });

  it("lets a closed case out only by appeal", () => {
    expect(TRANSITIONS.closed).toEqual(["appealed"]);
  });

  it("lets every status but closed and merged be merged as a duplicate", () => {
    for (const s of CASE_STATUSES) expect(canTransition(s, "merged")).toBe(s !== "closed" && s !== "merged");
  });

  it("reaches every status from new", () => {
    const seen = new Set<CaseStatus>(["new"]);
    const queue: CaseStatus[] = ["new"];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      for (const next of TRANSITIONS[s]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });
});

describe("status traits", () => {
  it.each([
    ["new", "New", true, false],
    ["triage", "In triage", true, false],
    ["investigating", "Investigating", true, false],
    ["waiting_reporter", "Waiting on reporter", true, true],
    ["waiting_respondent", "Waiting on respondent", true, true],
    ["waiting_consult", "Waiting on consult", true, true],
    ["decision", "Awaiting decision", true, false],
    ["resolved", "Resolved", false, false],
    ["closed", "Closed", false, false],
    ["appealed", "Under appeal", true, false],
    ["merged", "Merged", false, false],
  ] as const)("%s reads %j, open: %s, pauses the SLA clock: %s", (status, label, open, pauses) => {
    expect(statusLabel(status)).toBe(label);
    expect(isOpenStatus(status)).toBe(open);
    expect(pausesSlaClock(status)).toBe(pauses);
  });

  it("recognises stored status strings", () => {
    for (const s of CASE_STATUSES) expect(isCaseStatus(s)).toBe(true);
    expect(isCaseStatus("waiting")).toBe(false);
    expect(isCaseStatus("toString")).toBe(false);
  });
});
