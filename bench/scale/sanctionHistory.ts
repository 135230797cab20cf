/**
 * A case's sanction decisions as the sanctions flows leave them: the proposal, the votes its approval
 * rule asks for (each on the timeline), and the decision with its statement of reasons.
 */
import type { Category } from "../../src/core/categories.ts";
import type { CaseSource } from "../../src/core/intake.ts";
import { approvalRequirement, SANCTION_RUNGS, type SanctionRung } from "../../src/core/sanctions.ts";
import type { Severity } from "../../src/core/severity.ts";
import { statementOfDecision } from "../../src/flows/sanctions/statementOfDecision.ts";
import type { SeededRandom } from "../../test/support/seededRandom.ts";
import type { BulkWriter, CaseChain } from "./bulkWriter.ts";
import type { CasePlan, Staff } from "./caseHistory.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const RATIONALE = "The evidence supports the proposed sanction.";

/** What a decision needs to know about its case, fixed while the case is written. */
export interface SanctionContext {
  w: BulkWriter;
  random: SeededRandom;
  staff: Staff;
  chain: CaseChain;
  plan: CasePlan;
  humanId: string;
  category: Category;
  severity: Severity;
  source: CaseSource;
  occurredAt: number;
  owner: string;
  channelId: string | null;
  evidenceIds: readonly number[];
}

export interface DecisionWritten {
  decisionId: number;
  puid: string;
  decidedAt: number;
  votes: number;
}

/** One proposal, approved by its votes, and its decision; an appeal's replaces the decision it names. */
export function writeDecision(
  ctx: SanctionContext,
  proposedAt: number,
  proposalSeq: number,
  rung: SanctionRung,
  appeal: { id: number; decisionId: number } | null,
): DecisionWritten {
  const { w, random, staff, chain, plan, humanId, category, severity, owner, channelId, evidenceIds } = ctx;
  const caseId = plan.id;
  const kind = appeal ? "modification" : "sanction";
  const clauses = [...category.policyRefs];
  const facts = `The respondent's conduct on the booked job breached ${clauses.join(", ")}; confirmed by the evidence on file.`;
  const requirement = approvalRequirement({
    kind,
    rung,
    caseSeverity: severity,
    guaranteeClaim: false,
    legalFlag: false,
  });
  const voters = [...(requirement.lead ? [random.pick(staff.leads)] : []), ...staff.specialists]
    .filter((u) => u !== owner)
    .slice(0, requirement.approvers);
  const decidedAt = voters.length > 0 ? proposedAt + (voters.length + 1) * 30 * MINUTE : proposedAt;
  const viewId = `VPROP${caseId}-${proposalSeq}`;
  const proposalId = w.proposal({
    case_id: caseId,
    seq: proposalSeq,
    kind,
    account_id: plan.respondent.accountId,
    rung,
    clauses: JSON.stringify(clauses),
    facts,
    evidence_ids: JSON.stringify(evidenceIds),
    guarantee_claim: 0,
    legal_flag: 0,
    appeal_id: appeal?.id ?? null,
    status: "approved",
    proposed_by: owner,
    proposed_at: proposedAt,
    decided_at: decidedAt,
    request_view_id: viewId,
    message_channel_id: channelId,
    message_ts: channelId ? `${Math.floor(proposedAt / 1000)}.000300` : null,
  });
  const ref = { proposal: `P${proposalSeq}`, proposalId };
  chain.append(proposedAt, owner, "sanction_proposed", {
    ...ref,
    proposalKind: kind,
    viewId,
    ...(appeal ? { appealId: appeal.id } : {}),
    accountRef: plan.respondent.accountRef,
    accountRole: plan.respondent.role,
    rung,
    clauses,
    facts,
    evidenceIds: [...evidenceIds],
    guaranteeClaim: false,
    legalFlag: false,
    requirement,
    ...(appeal ? {} : { status: { from: "investigating" as const, to: "decision" as const } }),
  });
  for (const [index, voter] of voters.entries()) {
    const castAt = proposedAt + (index + 1) * 30 * MINUTE;
    const isLead = staff.leads.includes(voter);
    const voteViewId = `VVOTE${proposalId}-${index + 1}`;
    const voteId = w.vote({
      proposal_id: proposalId,
      voter,
      choice: "approve",
      rationale: RATIONALE,
      voter_is_lead: isLead ? 1 : 0,
      voter_is_legal: 0,
      cast_at: castAt,
      view_id: voteViewId,
    });
    const last = index === voters.length - 1;
    chain.append(castAt, voter, "vote_cast", {
      ...ref,
      voteId,
      viewId: voteViewId,
      choice: "approve",
      rationale: RATIONALE,
      voterIsLead: isLead,
      voterIsLegal: false,
      outcome: last ? "approved" : "pending",
      ...(last ? {} : { missing: [`${voters.length - index - 1} more approval`] }),
    });
  }
  const puid = `${humanId}-D${proposalSeq}`;
  const days = SANCTION_RUNGS[rung].days;
  const appliesUntil = days === null ? null : decidedAt + days * DAY;
  const record = {
    humanId,
    category: category.id,
    source: ctx.source,
    occurredAt: ctx.occurredAt,
    createdAt: plan.createdAt,
  };
  const statement = statementOfDecision({
    record,
    proposal: { clauses, facts },
    decision: { rung, puid, appliesFrom: decidedAt, appliesUntil },
  });
  const decisionId = w.decision({
    case_id: caseId,
    proposal_id: proposalId,
    account_id: plan.respondent.accountId,
    rung,
    puid,
    statement: JSON.stringify(statement),
    supersedes_decision_id: appeal?.decisionId ?? null,
    decided_at: decidedAt,
    applies_from: decidedAt,
    applies_until: appliesUntil,
  });
  chain.append(decidedAt, voters.at(-1) ?? owner, "decision_recorded", {
    ...ref,
    puid,
    rung,
    accountRef: plan.respondent.accountRef,
    accountRole: plan.respondent.role,
    appliesFrom: decidedAt,
    endDate: appliesUntil === null ? null : new Date(appliesUntil).toISOString().slice(0, 10),
    interimSuspensions: [],
    ...(appeal ? { appealId: appeal.id, supersedesDecisionId: appeal.decisionId } : {}),
  });
  return { decisionId, puid, decidedAt, votes: voters.length };
}
