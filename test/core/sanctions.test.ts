import { describe, expect, it } from "vitest";
import {
  type ApprovalRequirement,
  appealDeadline,
  approvalRequirement,
  type CountedVote,
  isIndependentReviewer,
  type ProposalTraits,
  SANCTION_RUNG_IDS,
  type SanctionRung,
  tallyVotes,
} from "../../src/core/sanctions.ts";
import type { Severity } from "../../src/core/severity.ts";

const base: ProposalTraits = {
  kind: "sanction",
  rung: "warning",
  caseSeverity: "sev3",
  guaranteeClaim: false,
  legalFlag: false,
};

describe("approval requirements", () => {
  it.each<[string, Partial<ProposalTraits>, ApprovalRequirement]>([
    ["a warning on a SEV3 case: the proposer alone", {}, { approvers: 0, lead: false, legal: false }],
    ["a warning on a SEV2 case", { caseSeverity: "sev2" }, { approvers: 0, lead: false, legal: false }],
    ["a review removal", { rung: "review_removal" }, { approvers: 1, lead: false, legal: false }],
    ["a lead pause", { rung: "lead_pause" }, { approvers: 1, lead: false, legal: false }],
    ["a payout hold", { rung: "payout_hold" }, { approvers: 1, lead: false, legal: false }],
    ["a badge removal", { rung: "badge_removal" }, { approvers: 1, lead: false, legal: false }],
    ["a 7-day suspension", { rung: "suspension_7d" }, { approvers: 1, lead: false, legal: false }],
    [
      "a 90-day suspension on SEV2",
      { rung: "suspension_90d", caseSeverity: "sev2" },
      { approvers: 1, lead: false, legal: false },
    ],
    ["a permanent removal", { rung: "permanent_removal" }, { approvers: 2, lead: true, legal: false }],
    [
      "any outcome of a SEV1 case, even a warning",
      { caseSeverity: "sev1" },
      { approvers: 2, lead: true, legal: false },
    ],
    ["an overturn, even of a warning", { kind: "overturn" }, { approvers: 2, lead: true, legal: false }],
    [
      "a modification to a restriction",
      { kind: "modification", rung: "payout_hold" },
      { approvers: 1, lead: false, legal: false },
    ],
    [
      "a modification down to a warning still needs a second pair of eyes",
      { kind: "modification" },
      { approvers: 1, lead: false, legal: false },
    ],
    [
      "a Guarantee claim adds Legal",
      { rung: "suspension_30d", guaranteeClaim: true },
      { approvers: 1, lead: false, legal: true },
    ],
    [
      "a legal flag adds Legal to a removal",
      { rung: "permanent_removal", legalFlag: true },
      { approvers: 2, lead: true, legal: true },
    ],
    ["a legal flag adds Legal even to a warning", { legalFlag: true }, { approvers: 0, lead: false, legal: true }],
  ])("%s", (_name, patch, expected) => {
    expect(approvalRequirement({ ...base, ...patch })).toEqual(expected);
  });

  it.each(
    SANCTION_RUNG_IDS.flatMap((rung) =>
      (["sev1", "sev2", "sev3", "sev4"] as Severity[]).map((s) => [rung, s] as const),
    ),
  )("%s on a %s case never needs fewer approvers than the rules say", (rung: SanctionRung, severity: Severity) => {
    const r = approvalRequirement({ ...base, rung, caseSeverity: severity });
    if (rung === "permanent_removal" || severity === "sev1") expect(r).toMatchObject({ approvers: 2, lead: true });
    else if (rung === "warning") expect(r.approvers).toBe(0);
    else expect(r.approvers).toBe(1);
  });
});

const vote = (voter: string, choice: CountedVote["choice"], extra: Partial<CountedVote> = {}): CountedVote => ({
  voter,
  choice,
  voterIsLead: false,
  voterIsLegal: false,
  ...extra,
});
const removal = approvalRequirement({ ...base, rung: "permanent_removal" });
const restriction = approvalRequirement({ ...base, rung: "payout_hold" });
const withLegal = approvalRequirement({ ...base, rung: "payout_hold", guaranteeClaim: true });

describe("tallying votes", () => {
  it("decides a warning with no votes at all", () => {
    expect(tallyVotes(approvalRequirement(base), "P", [])).toEqual({ outcome: "approved" });
  });

  it("does not count the proposer's own approval", () => {
    expect(tallyVotes(restriction, "P", [vote("P", "approve")])).toEqual({
      outcome: "pending",
      missing: ["1 more approval"],
    });
  });

  it("approves a restriction with one other approver", () => {
    expect(tallyVotes(restriction, "P", [vote("A", "approve")])).toEqual({ outcome: "approved" });
  });

  it("keeps a removal approved by one specialist pending", () => {
    expect(tallyVotes(removal, "P", [vote("A", "approve")])).toEqual({
      outcome: "pending",
      missing: ["1 more approval", "a lead's approval"],
    });
  });

  it("keeps a removal approved by two specialists pending until a lead approves", () => {
    expect(tallyVotes(removal, "P", [vote("A", "approve"), vote("B", "approve")])).toEqual({
      outcome: "pending",
      missing: ["a lead's approval"],
    });
  });

  it("approves a removal with two approvers, one of them a lead", () => {
    expect(tallyVotes(removal, "P", [vote("A", "approve"), vote("L", "approve", { voterIsLead: true })])).toEqual({
      outcome: "approved",
    });
  });

  it("does not let a lead who proposed count as the lead approver", () => {
    const votes = [vote("L", "approve", { voterIsLead: true }), vote("A", "approve"), vote("B", "approve")];
    expect(tallyVotes(removal, "L", votes)).toEqual({ outcome: "pending", missing: ["a lead's approval"] });
  });

  it("lets a lead's reject block, whatever the approvals", () => {
    const votes = [
      vote("A", "approve"),
      vote("B", "approve", { voterIsLead: true }),
      vote("L", "reject", { voterIsLead: true }),
    ];
    expect(tallyVotes(removal, "P", votes)).toEqual({ outcome: "rejected", by: "L" });
  });

  it("does not let a specialist's reject block", () => {
    expect(tallyVotes(restriction, "P", [vote("A", "reject"), vote("B", "approve")])).toEqual({ outcome: "approved" });
  });

  it("counts an abstention as neither", () => {
    expect(tallyVotes(restriction, "P", [vote("A", "abstain")])).toMatchObject({ outcome: "pending" });
  });

  it("needs Legal's acknowledgement on a Guarantee claim", () => {
    expect(tallyVotes(withLegal, "P", [vote("A", "approve")])).toEqual({
      outcome: "pending",
      missing: ["Legal's acknowledgement"],
    });
    expect(tallyVotes(withLegal, "P", [vote("A", "approve"), vote("G", "approve", { voterIsLegal: true })])).toEqual({
      outcome: "approved",
    });
  });

  it("does not take a Legal reject or abstention as the acknowledgement", () => {
    expect(
      tallyVotes(withLegal, "P", [vote("A", "approve"), vote("G", "abstain", { voterIsLegal: true })]),
    ).toMatchObject({
      outcome: "pending",
    });
  });
});

describe("the appeal window", () => {
  it.each([
    ["2026-01-15T10:00:00Z", "2026-07-15T10:00:00Z"],
    ["2026-08-31T23:30:00Z", "2027-02-28T23:30:00Z"],
    ["2027-08-31T00:00:00Z", "2028-02-29T00:00:00Z"],
    ["2026-12-01T08:00:00Z", "2027-06-01T08:00:00Z"],
  ])("runs from %s to %s", (decided, deadline) => {
    expect(new Date(appealDeadline(Date.parse(decided))).toISOString()).toBe(new Date(deadline).toISOString());
  });
});

describe("independent review", () => {
  const decision = { proposer: "P", approvers: ["A", "B"] };
  it.each([
    ["P", false],
    ["A", false],
    ["B", false],
    ["R", true],
  ])("%s may review: %s", (reviewer, allowed) => {
    expect(isIndependentReviewer(reviewer, decision)).toBe(allowed);
  });
});
