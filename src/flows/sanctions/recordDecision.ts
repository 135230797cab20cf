import type { CaseRow, DecisionRow, SanctionProposalRow } from "../../../db/schema.ts";
import type { Config } from "../../config.ts";
import { fail } from "../../core/domainError.ts";
import { SANCTION_RUNGS } from "../../core/sanctions.ts";
import { getAppeal, setAppealReview } from "../../store/appeals.ts";
import type { Executor } from "../../store/database.ts";
import { decisionSource } from "../../store/decisionExportTexts.ts";
import { accountOf } from "../../store/parties.ts";
import { decisionCountOfCase, insertDecision, settleProposal } from "../../store/sanctions.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import { enqueueZendeskNote } from "../jobs/addZendeskNote.ts";
import { enqueueProposalUpdate } from "../jobs/postProposal.ts";
import { storeRenderedDecisions } from "./decisionTexts.ts";
import { proposalRung } from "./proposalStanding.ts";
import { resolveInterimSuspensions } from "./resolveInterimSuspensions.ts";
import { statementOfDecision } from "./statementOfDecision.ts";

const DAY_MS = 24 * 60 * 60_000;

export interface RecordDecisionInput {
  record: CaseRow;
  proposal: SanctionProposalRow;
  /** Who decided: the approver whose vote completed the approval, or the proposer of a warning. */
  decidedBy: string;
  at: number;
  /** Whether the decision gets a Zendesk note (config.zendesk). */
  config: Config;
}

export interface RecordedDecision {
  decision: DecisionRow;
  record: CaseRow;
}

/**
 * Turns an approved proposal into a decision (a DSA statement of reasons) inside the caller's
 * transaction: settles the account's interim suspension and records the decision on the timeline.
 */
export function recordDecision(tx: Executor, input: RecordDecisionInput): RecordedDecision {
  const { record, at } = input;
  const proposal =
    settleProposal(tx, input.proposal.id, { status: "approved", decidedAt: at }) ??
    fail("conflict", "This proposal has already been decided.");
  const rung = proposalRung(proposal);
  const account = accountOf(tx, proposal.accountId) ?? fail("not_found", "The proposal's account no longer exists.");
  const puid = `${record.humanId}-D${decisionCountOfCase(tx, record.id) + 1}`;
  // An overturn or modification on appeal replaces the decision under appeal and settles the appeal.
  const appeal = proposal.appealId === null ? undefined : getAppeal(tx, proposal.appealId);
  if (appeal) {
    setAppealReview(tx, appeal.id, {
      reviewer: appeal.reviewer ?? input.decidedBy,
      rationale: appeal.rationale ?? "",
      outcome: proposal.kind === "overturn" ? "overturned" : "modified",
      decidedAt: at,
    });
  }
  const days = SANCTION_RUNGS[rung].days;
  const appliesUntil = days === null ? null : at + days * DAY_MS;
  // Stored as built today for the record; exports rebuild it from the same sources.
  const statement = statementOfDecision({ record, proposal, decision: { rung, puid, appliesFrom: at, appliesUntil } });
  const decision = insertDecision(tx, {
    caseId: record.id,
    proposalId: proposal.id,
    accountId: proposal.accountId,
    rung,
    puid,
    statement,
    supersedesDecisionId: appeal?.decisionId ?? null,
    decidedAt: at,
    appliesFrom: at,
    appliesUntil,
  });
  // Its text in the export files, as the export would render it now: a year's export then copies it.
  storeRenderedDecisions(tx, [decisionSource(tx, decision.id) ?? fail("conflict", "The decision was not recorded.")]);
  const interim = resolveInterimSuspensions(tx, record, {
    accountId: proposal.accountId,
    rung,
    decidedBy: input.decidedBy,
    at,
  });
  const updated = recordCaseChange(tx, record, {
    actor: input.decidedBy,
    at,
    kind: "decision_recorded",
    payload: {
      proposal: `P${proposal.seq}`,
      proposalId: proposal.id,
      puid,
      rung,
      accountRef: account.accountRef,
      accountRole: account.role,
      appliesFrom: at,
      endDate: appliesUntil === null ? null : new Date(appliesUntil).toISOString().slice(0, 10),
      interimSuspensions: interim,
      ...(appeal ? { appealId: appeal.id, supersedesDecisionId: appeal.decisionId } : {}),
    },
  });
  enqueueProposalUpdate(tx, proposal, "decision", at);
  enqueueZendeskNote(
    tx,
    input.config,
    updated,
    { occasion: "decision", caseId: record.id, decisionId: decision.id },
    at,
  );
  return { decision, record: updated };
}
