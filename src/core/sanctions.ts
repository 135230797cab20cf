import type { PolicyClauseId } from "./categories.ts";
import type { Severity } from "./severity.ts";

/** The sanction ladder (DESIGN §3), from a warning to removal from the platform. */
export const SANCTION_RUNGS = {
  /** The ladder's first rung: only ever the outcome of an overturn on appeal, never proposed as a sanction. */
  none: { tier: "none", label: "No sanction (overturned)", days: null },
  warning: { tier: "warning", label: "Warning", days: null },
  review_removal: { tier: "restriction", label: "Restriction: reviews removed", days: null },
  lead_pause: { tier: "restriction", label: "Restriction: new leads paused", days: null },
  payout_hold: { tier: "restriction", label: "Restriction: payouts held", days: null },
  badge_removal: { tier: "restriction", label: "Restriction: badges removed", days: null },
  suspension_7d: { tier: "temporary_suspension", label: "Suspension: 7 days", days: 7 },
  suspension_30d: { tier: "temporary_suspension", label: "Suspension: 30 days", days: 30 },
  suspension_90d: { tier: "temporary_suspension", label: "Suspension: 90 days", days: 90 },
  permanent_removal: { tier: "permanent_removal", label: "Permanent removal", days: null },
} as const satisfies Record<string, { tier: SanctionTier; label: string; days: number | null }>;

export type SanctionTier = "none" | "warning" | "restriction" | "temporary_suspension" | "permanent_removal";
export type SanctionRung = keyof typeof SANCTION_RUNGS;
// A non-empty tuple, so it can type the `rung` columns; the catalog above always has its rungs.
export const SANCTION_RUNG_IDS = Object.keys(SANCTION_RUNGS) as [SanctionRung, ...SanctionRung[]];

export function isSanctionRung(value: string): value is SanctionRung {
  return Object.hasOwn(SANCTION_RUNGS, value);
}

/** What a proposal is: a new sanction, or the reversal or change of an earlier decision on appeal. */
/** What a proposal asks for and rests on, alike in the form, the stored row and the case record. */
export interface ProposalTerms {
  rung: SanctionRung;
  clauses: PolicyClauseId[];
  facts: string;
  evidenceIds: number[];
  guaranteeClaim: boolean;
  legalFlag: boolean;
}

export const PROPOSAL_KINDS = ["sanction", "overturn", "modification"] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** open: waiting for votes; escalated: still waiting, and the leads were told; the rest are final. */
export const PROPOSAL_STATUSES = ["open", "escalated", "approved", "rejected"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const UNDECIDED_STATUSES: readonly ProposalStatus[] = ["open", "escalated"];

/** How an interim suspension ended: confirmed by a suspending decision, or lifted. */
export const INTERIM_RESOLUTIONS = ["confirmed", "lifted"] as const;
export type InterimResolution = (typeof INTERIM_RESOLUTIONS)[number];

export const APPEAL_OUTCOMES = ["upheld", "modified", "overturned"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** The last instant a decision taken at `decidedAt` may be appealed (six calendar months, in UTC). */
export function appealDeadline(decidedAt: number): number {
  const d = new Date(decidedAt);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + APPEAL_WINDOW_MONTHS, 1));
  // Clamp to the month's last day: an appeal window from 31 August ends on 28/29 February.
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime() + (((decidedAt % 86_400_000) + 86_400_000) % 86_400_000);
}

/** An appeal is reviewed by someone who neither proposed nor approved the decision under appeal. */
export function isIndependentReviewer(
  reviewer: string,
  decision: { proposer: string; approvers: readonly string[] },
): boolean {
  return reviewer !== decision.proposer && !decision.approvers.includes(reviewer);
}

export interface ProposalTraits {
  kind: ProposalKind;
  rung: SanctionRung;
  caseSeverity: Severity;
  guaranteeClaim: boolean;
  legalFlag: boolean;
}

export interface ApprovalRequirement {
  /** Approvals needed from people other than the proposer. */
  approvers: 0 | 1 | 2;
  /** One of those approvers must be a lead. */
  lead: boolean;
  /** A Legal acknowledgement is needed as well. */
  legal: boolean;
}

/**
 * The four-eyes rules, as one function of the proposal:
 * a warning the proposer may decide alone; a restriction or temporary suspension needs one other
 * approver; a permanent removal, any outcome of a SEV1 case and any overturn need two other approvers,
 * one a lead; a Guarantee claim or a legal flag also needs a Legal acknowledgement.
 */
export function approvalRequirement(p: ProposalTraits): ApprovalRequirement {
  const legal = p.guaranteeClaim || p.legalFlag;
  const tier = SANCTION_RUNGS[p.rung].tier;
  if (tier === "permanent_removal" || p.caseSeverity === "sev1" || p.kind === "overturn") {
    return { approvers: 2, lead: true, legal };
  }
  if (tier === "warning" && p.kind === "sanction") return { approvers: 0, lead: false, legal };
  return { approvers: 1, lead: false, legal };
}

export const VOTE_CHOICES = ["approve", "reject", "abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export interface CountedVote {
  voter: string;
  choice: VoteChoice;
  voterIsLead: boolean;
  /** The voter speaks for Legal (a Legal consultant on the case); their approval is the acknowledgement. */
  voterIsLegal: boolean;
}

export type Tally =
  | { outcome: "approved" }
  | { outcome: "rejected"; by: string }
  | { outcome: "pending"; missing: string[] };

/**
 * Decides a proposal from each voter's latest vote (a changed vote supersedes the earlier one).
 * The proposer's own vote never counts; a lead's reject blocks.
 */
export function tallyVotes(
  requirement: ApprovalRequirement,
  proposer: string,
  latestVotes: readonly CountedVote[],
): Tally {
  const votes = latestVotes.filter((v) => v.voter !== proposer);
  const leadReject = votes.find((v) => v.choice === "reject" && v.voterIsLead);
  if (leadReject) return { outcome: "rejected", by: leadReject.voter };
  const approvals = votes.filter((v) => v.choice === "approve");
  const missing: string[] = [];
  const needed = requirement.approvers;
  if (approvals.length < needed) {
    missing.push(`${needed - approvals.length} more approval${needed - approvals.length === 1 ? "" : "s"}`);
  }
  if (requirement.lead && !approvals.some((v) => v.voterIsLead)) missing.push("a lead's approval");
  if (requirement.legal && !approvals.some((v) => v.voterIsLegal)) missing.push("Legal's acknowledgement");
  return missing.length === 0 ? { outcome: "approved" } : { outcome: "pending", missing };
}

/** Undecided proposals go to the leads after this long. */
export const PROPOSAL_ESCALATION_MS = 72 * 60 * 60_000;
/** A sanctioned party may appeal within six months of the decision. */
export const APPEAL_WINDOW_MONTHS = 6;
/** Strikes (decisions above a warning) counted for repeat offenders. */
export const STRIKE_WINDOW_MONTHS = 12;
export const REPEAT_OFFENDER_STRIKES = 2;
