import { describe, expect, it } from "vitest";
import { mediationChecklist, parseAmountMinor } from "../../src/core/mediation.ts";

describe("mediation rules", () => {
  it.each<[string, number | string]>([
    ["120", 12000],
    ["120.5", 12050],
    ["0.01", 1],
    ["1,250.50", 125050],
    ["1000000", 100000000],
    ["12,5", "Enter an amount"],
    ["1.999", "Enter an amount"],
    ["1000000.01", "at most"],
    ["0.00", "more than 0"],
  ])("reads %s", (typed, expected) => {
    const parsed = parseAmountMinor(typed);
    if (typeof expected === "number") expect(parsed).toEqual({ minor: expected });
    else expect("error" in parsed && parsed.error).toContain(expected);
  });

  it("walks a Guarantee claim through contact, offer and outcome, and has no checklist elsewhere", () => {
    const steps = (entries: Parameters<typeof mediationChecklist>[1]) =>
      mediationChecklist("property-damage", entries).map((s) => s.done);
    expect(steps([])).toEqual([false, false, false, false]);
    expect(steps([{ partyRole: "respondent", offerKind: "redo", outcome: "pending" }])).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(
      steps([
        { partyRole: "reporter", offerKind: "none", outcome: "pending" },
        { partyRole: "respondent", offerKind: "refund", outcome: "agreement" },
      ]),
    ).toEqual([true, true, true, true]);
    expect(mediationChecklist("harassment", [])).toEqual([]);
  });
});
