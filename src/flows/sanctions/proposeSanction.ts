import type { CaseRow, DecisionRow, EvidenceRow, SanctionProposalRow } from "../../../db/schema.ts";
import type { Config } from "../../config.ts";
import { categoryById, type PolicyClauseId, policyClauseTitle } from "../../core/categories.ts";
import { DomainError, fail } from "../../core/domainError.ts";
import type { AccountRole } from "../../core/intake.ts";
import { canTransition, isOpenStatus } from "../../core/lifecycle.ts";
import { mediationChecklist } from "../../core/mediation.ts";
import {
  isSanctionRung,
  PROPOSAL_ESCALATION_MS,
  type ProposalKind,
  type ProposalTerms,
  SANCTION_RUNGS,
  type SanctionRung,
} from "../../core/sanctions.ts";
import { PROPOSAL_FACTS_MAX, personalDataIn } from "../../core/statementOfReasons.ts";
import { cleanText } from "../../core/text.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { evidenceOfCase } from "../../store/evidence.ts";
import { mediationProgressOfCase } from "../../store/mediation.ts";
import { type PartyWithAccount, partiesOfCase } from "../../store/parties.ts";
import { insertProposal, nextProposalSeq, proposalByRequestView } from "../../store/sanctions.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import { caseFromModal } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueProposalEscalation } from "../jobs/escalateProposal.ts";
import { enqueueProposalPost } from "../jobs/postProposal.ts";
import { requirementOf } from "./proposalStanding.ts";
import { recordDecision } from "./recordDecision.ts";

export const PROPOSAL_FLAGS = { guaranteeClaim: "guarantee_claim", legalFlag: "legal_flag" } as const;

/** What the proposal form sent. Field names are the modal's block ids. */
export interface ProposalRaw {
  account: string | null;
  rung: string | null;
  clauses: readonly string[];
  facts: string | null;
  evidence: readonly string[];
  flags: readonly string[];
}

export interface ProposalDraft extends ProposalTerms {
  accountId: number;
}

export interface ProposalForm {
  record: CaseRow;
  parties: PartyWithAccount[];
  /** Entries neither redacted nor redactions, in E-number order. */
  evidence: EvidenceRow[];
  /** The category's own clauses, offered first and pre-selected. */
  categoryClauses: readonly PolicyClauseId[];
}

function liveEvidence(tx: Executor, caseId: number): EvidenceRow[] {
  const all = evidenceOfCase(tx, caseId);
  const redacted = new Set(all.map((e) => e.redactsEvidenceId).filter((id) => id !== null));
  return all.filter((e) => e.redactsEvidenceId === null && !redacted.has(e.id));
}

export function proposalForm(deps: FlowDeps, record: CaseRow): ProposalForm {
  return {
    record,
    parties: partiesOfCase(deps.db, record.id),
    evidence: liveEvidence(deps.db, record.id),
    categoryClauses: categoryById(record.category)?.policyRefs ?? [],
  };
}

/** Property damage is mediated first: nothing above a warning until mediation has an outcome. */
function awaitingMediation(tx: Executor, record: CaseRow): boolean {
  const progress = mediationProgressOfCase(tx, record.id);
  return mediationChecklist(record.category, progress).length > 0 && !progress.some((e) => e.outcome !== "pending");
}

interface ProposalContext {
  parties: readonly PartyWithAccount[];
  evidence: readonly EvidenceRow[];
  awaitingMediation: boolean;
}

/** Checks a proposal against the case; reports every bad field at once. */
export function validateProposal(raw: ProposalRaw, ctx: ProposalContext): ProposalDraft {
  const errors: Record<string, string> = {};
  const party = ctx.parties.find((p) => String(p.account.id) === raw.account);
  if (!party)
    errors.account = raw.account ? "That account is not on this case any more; pick another." : "Pick the account.";

  // "none" is an overturn's outcome on appeal, never a sanction to propose.
  const rung = raw.rung !== null && raw.rung !== "none" && isSanctionRung(raw.rung) ? raw.rung : undefined;
  if (!rung) errors.rung = "Pick a rung of the ladder.";
  else if (ctx.awaitingMediation && SANCTION_RUNGS[rung].tier !== "warning") {
    errors.rung =
      "Property damage is mediated first: record the mediation's outcome before proposing more than a warning.";
  }

  const clauses = raw.clauses.filter((id): id is PolicyClauseId => policyClauseTitle(id) !== undefined);
  if (raw.clauses.length === 0) errors.clauses = "Name at least one policy clause violated.";
  else if (clauses.length !== raw.clauses.length) errors.clauses = "Pick clauses from the list.";

  const facts = cleanText(raw.facts);
  const identifiers = ctx.parties.flatMap((p) => [p.account.displayName, p.account.accountRef]);
  if (facts === "") errors.facts = "State the facts the decision rests on.";
  else if (facts.length > PROPOSAL_FACTS_MAX) {
    errors.facts = `Keep the facts to ${PROPOSAL_FACTS_MAX} characters or fewer.`;
  } else if (personalDataIn(facts, identifiers).length > 0) {
    errors.facts =
      'The facts are published in the statement of reasons: leave out names and account ids (say "the pro", "the customer").';
  }

  const evidenceIds = raw.evidence.map((value) => ctx.evidence.find((e) => String(e.id) === value)?.id);
  if (evidenceIds.some((id) => id === undefined)) {
    errors.evidence = "An entry picked was redacted meanwhile; pick again.";
  }

  if (Object.keys(errors).length > 0 || !party || !rung) {
    throw new DomainError("invalid_input", "Some fields need another look.", { fields: errors });
  }
  return {
    accountId: party.account.id,
    rung,
    clauses,
    facts,
    evidenceIds: evidenceIds.filter((id) => id !== undefined),
    guaranteeClaim: raw.flags.includes(PROPOSAL_FLAGS.guaranteeClaim),
    legalFlag: raw.flags.includes(PROPOSAL_FLAGS.legalFlag),
  };
}

export interface ProposeSanctionInput {
  userId: string;
  caseId: number;
  /** The form's view id: submitting the same view twice records one proposal. */
  viewId: string;
  raw: ProposalRaw;
}

export interface ProposeSanctionResult {
  record: CaseRow;
  proposal: SanctionProposalRow;
  created: boolean;
  /** A warning the proposer may decide alone is decided at once. */
  decision: DecisionRow | null;
}

/**
 * Records a proposal (P1, P2, …) and moves the case to decision where the lifecycle allows; the
 * proposal is posted for votes and escalates to the leads after 72 h undecided (jobs).
 */
export function proposeSanction(deps: FlowDeps, input: ProposeSanctionInput): ProposeSanctionResult {
  const now = deps.clock.now();
  const result = inTransaction(deps.db, (tx): ProposeSanctionResult => {
    const record = caseFromModal(deps, input.userId, input.caseId, "sanction.propose");
    const earlier = proposalByRequestView(tx, input.viewId);
    if (earlier) return { record, proposal: earlier, created: false, decision: null };
    if (!isOpenStatus(record.status)) {
      fail("conflict", `${record.humanId} is ${record.status}; reopen it by appeal before proposing a sanction.`);
    }

    const parties = partiesOfCase(tx, record.id);
    const draft = validateProposal(input.raw, {
      parties,
      evidence: liveEvidence(tx, record.id),
      awaitingMediation: awaitingMediation(tx, record),
    });
    const account = parties.find((p) => p.account.id === draft.accountId)?.account;
    const recorded = recordProposal(tx, {
      record,
      kind: "sanction",
      appealId: null,
      accountRef: account?.accountRef,
      accountRole: account?.role,
      draft,
      proposedBy: input.userId,
      viewId: input.viewId,
      at: now,
      config: deps.config,
    });
    return { ...recorded, created: true };
  });
  if (result.created) {
    deps.log.info(
      { caseId: result.record.humanId, proposalId: result.proposal.id, decided: result.decision !== null },
      "sanction proposed",
    );
    deps.wakeScheduler();
  }
  return result;
}

export interface ProposalToRecord {
  record: CaseRow;
  kind: ProposalKind;
  appealId: number | null;
  accountRef: string | undefined;
  accountRole: AccountRole | undefined;
  draft: Omit<ProposalDraft, "rung"> & { rung: SanctionRung };
  proposedBy: string;
  viewId: string | null;
  at: number;
  /** Whether a decision made at once gets a Zendesk note (config.zendesk). */
  config: Config;
}

/**
 * Records a proposal and its one event (moving the case to decision where the lifecycle allows), queues
 * its post and its 72-h escalation, and decides at once what needs no other approver. Shared by new
 * sanctions and by overturns and modifications on appeal.
 */
export function recordProposal(
  tx: Executor,
  input: ProposalToRecord,
): { record: CaseRow; proposal: SanctionProposalRow; decision: DecisionRow | null } {
  const { record, draft, at } = input;
  const proposal = insertProposal(tx, {
    caseId: record.id,
    seq: nextProposalSeq(tx, record.id),
    kind: input.kind,
    accountId: draft.accountId,
    rung: draft.rung,
    clauses: draft.clauses,
    facts: draft.facts,
    evidenceIds: draft.evidenceIds,
    guaranteeClaim: draft.guaranteeClaim,
    legalFlag: draft.legalFlag,
    appealId: input.appealId,
    status: "open",
    proposedBy: input.proposedBy,
    proposedAt: at,
    requestViewId: input.viewId,
  });
  const requirement = requirementOf(proposal, record);
  const proposed = recordCaseChange(tx, record, {
    actor: input.proposedBy,
    at,
    kind: "sanction_proposed",
    payload: {
      proposal: `P${proposal.seq}`,
      proposalId: proposal.id,
      proposalKind: input.kind,
      ...(input.viewId ? { viewId: input.viewId } : {}),
      ...(input.appealId ? { appealId: input.appealId } : {}),
      accountRef: input.accountRef,
      accountRole: input.accountRole,
      rung: draft.rung,
      clauses: draft.clauses,
      facts: draft.facts,
      evidenceIds: draft.evidenceIds,
      guaranteeClaim: draft.guaranteeClaim,
      legalFlag: draft.legalFlag,
      requirement,
    },
    ...(canTransition(record.status, "decision") ? { moveTo: "decision" as const } : {}),
  });
  enqueueProposalPost(tx, proposal, at);
  if (requirement.approvers === 0 && !requirement.legal) {
    const decided = recordDecision(tx, {
      record: proposed,
      proposal,
      decidedBy: input.proposedBy,
      at,
      config: input.config,
    });
    return { record: decided.record, proposal, decision: decided.decision };
  }
  enqueueProposalEscalation(tx, { caseId: record.id, proposalId: proposal.id }, at + PROPOSAL_ESCALATION_MS, at);
  return { record: proposed, proposal, decision: null };
}
