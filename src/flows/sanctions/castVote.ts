import type { CaseRow, DecisionRow, SanctionProposalRow, SanctionVoteRow } from "../../../db/schema.ts";
import { DomainError, fail } from "../../core/domainError.ts";
import { isAllowed, type Role } from "../../core/permissions.ts";
import { type Tally, UNDECIDED_STATUSES, type VoteChoice } from "../../core/sanctions.ts";
import { cleanText } from "../../core/text.ts";
import { getCase } from "../../store/cases.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import {
  getProposal,
  insertVote,
  isTeamRecipientOnCase,
  settleProposal,
  undecidedProposalsOfCase,
  voteByView,
} from "../../store/sanctions.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueProposalUpdate } from "../jobs/postProposal.ts";
import { NOT_PERMITTED, userRole } from "../roles/access.ts";
import { proposalStanding } from "./proposalStanding.ts";
import { recordDecision } from "./recordDecision.ts";

/** The consult team whose recipients speak for Legal on a case. */
export const LEGAL_TEAM_KEY = "legal";
export const VOTE_CHOICES: readonly VoteChoice[] = ["approve", "reject", "abstain"];
export const VOTE_RATIONALE_MAX = 2000;

export interface Voter {
  role: Role | undefined;
  /** A lead's reject blocks and a lead's approval is the one removals need; admins stand above leads. */
  isLead: boolean;
  /** A Legal consultant on the case: their approval is the Legal acknowledgement. */
  isLegal: boolean;
}

export interface ProposalToVote {
  proposal: SanctionProposalRow;
  record: CaseRow;
  voter: Voter;
}

/**
 * The proposal behind a Vote button or vote form, if this person may vote on it now: specialists,
 * leads and admins, or a Legal consultant the case was consulted on; never its proposer.
 */
export function proposalToVote(tx: Executor, userId: string, proposalId: number): ProposalToVote {
  const proposal = getProposal(tx, proposalId);
  const record = proposal ? getCase(tx, proposal.caseId) : undefined;
  const role = userRole(tx, userId);
  const isLegal =
    record !== undefined && isTeamRecipientOnCase(tx, { userId, caseId: record.id, teamKey: LEGAL_TEAM_KEY });
  if (!isAllowed(role, "sanction.vote") && !(role === "consultant" && isLegal)) fail("not_permitted", NOT_PERMITTED);
  if (!proposal || !record) return fail("not_found", "That proposal no longer exists.");
  if (proposal.proposedBy === userId) {
    fail("not_permitted", "You proposed this sanction, so you cannot vote on it: the four-eyes rule needs others.");
  }
  if (!UNDECIDED_STATUSES.includes(proposal.status)) {
    fail("conflict", `Proposal P${proposal.seq} on ${record.humanId} is already ${proposal.status}; votes are closed.`);
  }
  return { proposal, record, voter: { role, isLead: role === "lead" || role === "admin", isLegal } };
}

export interface CastVoteInput {
  userId: string;
  proposalId: number;
  /** The vote form's view id: a double-clicked submit records one vote. */
  viewId: string;
  choice: string | null;
  rationale: string | null;
}

export interface CastVoteResult {
  vote: SanctionVoteRow;
  tally: Tally;
  decision: DecisionRow | null;
  created: boolean;
}

/** The vote form's fields, as its errors name them. */
export type VoteField = "choice" | "rationale";

function validateVote(input: CastVoteInput): { choice: VoteChoice; rationale: string } {
  const errors: Partial<Record<VoteField, string>> = {};
  const choice = VOTE_CHOICES.find((c) => c === input.choice);
  if (!choice) errors.choice = "Approve, reject or abstain?";
  const rationale = cleanText(input.rationale);
  if (rationale === "") errors.rationale = "Give the reason for your vote.";
  else if (rationale.length > VOTE_RATIONALE_MAX) {
    errors.rationale = `Keep the rationale to ${VOTE_RATIONALE_MAX} characters or fewer.`;
  }
  if (!choice || Object.keys(errors).length > 0) {
    throw new DomainError("invalid_input", "Some fields need another look.", { fields: errors });
  }
  return { choice, rationale };
}

/**
 * Records a vote (a changed vote is a new row; the latest per voter counts) and tallies: an approval
 * that completes the requirement records the decision, a lead's reject rejects the proposal, both in
 * the same transaction.
 */
export function castVote(deps: FlowDeps, input: CastVoteInput): CastVoteResult {
  const now = deps.clock.now();
  const result = inTransaction(deps.db, (tx): CastVoteResult => {
    const earlier = voteByView(tx, input.viewId);
    if (earlier) return { vote: earlier, tally: currentTally(tx, earlier.proposalId), decision: null, created: false };
    const { proposal, record, voter } = proposalToVote(tx, input.userId, input.proposalId);
    const { choice, rationale } = validateVote(input);
    const vote =
      insertVote(tx, {
        proposalId: proposal.id,
        voter: input.userId,
        choice,
        rationale,
        voterIsLead: voter.isLead,
        voterIsLegal: voter.isLegal,
        castAt: now,
        viewId: input.viewId,
      }) ?? fail("conflict", "This vote was already recorded.");
    const { tally } = proposalStanding(tx, proposal, record);
    const voted = recordCaseChange(tx, record, {
      actor: input.userId,
      at: now,
      kind: "vote_cast",
      payload: {
        proposal: `P${proposal.seq}`,
        proposalId: proposal.id,
        voteId: vote.id,
        viewId: input.viewId,
        choice,
        rationale,
        voterIsLead: voter.isLead,
        voterIsLegal: voter.isLegal,
        outcome: tally.outcome,
        ...(tally.outcome === "pending" ? { missing: tally.missing } : {}),
      },
    });
    enqueueProposalUpdate(tx, proposal, `vote:${vote.id}`, now);
    if (tally.outcome === "approved") {
      const { decision } = recordDecision(tx, {
        record: voted,
        proposal,
        decidedBy: input.userId,
        at: now,
        config: deps.config,
      });
      return { vote, tally, decision, created: true };
    }
    if (tally.outcome === "rejected") rejectProposal(tx, { record: voted, proposal, by: tally.by, at: now });
    return { vote, tally, decision: null, created: true };
  });
  if (result.created) {
    deps.log.info({ proposalId: input.proposalId, voteId: result.vote.id, outcome: result.tally.outcome }, "vote cast");
    deps.wakeScheduler();
  }
  return result;
}

function currentTally(tx: Executor, proposalId: number): Tally {
  const proposal = getProposal(tx, proposalId) ?? fail("not_found", "That proposal no longer exists.");
  const record = getCase(tx, proposal.caseId) ?? fail("not_found", "That case no longer exists.");
  return proposalStanding(tx, proposal, record).tally;
}

/** A lead's reject ends the proposal; the case goes back to investigating when nothing else awaits a decision. */
function rejectProposal(
  tx: Executor,
  input: { record: CaseRow; proposal: SanctionProposalRow; by: string; at: number },
): void {
  const { record, proposal, at } = input;
  settleProposal(tx, proposal.id, { status: "rejected", decidedAt: at }) ??
    fail("conflict", "This proposal has already been decided.");
  const resumes = record.status === "decision" && undecidedProposalsOfCase(tx, record.id).length === 0;
  recordCaseChange(tx, record, {
    actor: input.by,
    at,
    kind: "proposal_rejected",
    payload: { proposal: `P${proposal.seq}`, proposalId: proposal.id, rejectedBy: input.by },
    ...(resumes ? { moveTo: "investigating" as const } : {}),
  });
  enqueueProposalUpdate(tx, proposal, "rejected", at);
}
