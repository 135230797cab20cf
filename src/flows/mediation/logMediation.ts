import type { CaseRow } from "../../../db/schema.ts";
import { type MediationRaw, type MediationStep, mediationChecklist, validateMediation } from "../../core/mediation.ts";
import { inTransaction } from "../../store/database.ts";
import { insertMediationEntry, mediationEntryLoggedFromView, mediationProgressOfCase } from "../../store/mediation.ts";
import { type PartyWithAccount, partiesOfCase } from "../../store/parties.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import { caseFromModal } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";

export interface MediationForm {
  record: CaseRow;
  parties: PartyWithAccount[];
  /** Empty unless the category mediates first. */
  checklist: MediationStep[];
}

/** What the mediation form offers: the case's parties, and where a mediation-first case stands. */
export function mediationForm(deps: FlowDeps, record: CaseRow): MediationForm {
  return {
    record,
    parties: partiesOfCase(deps.db, record.id),
    checklist: mediationChecklist(record.category, mediationProgressOfCase(deps.db, record.id)),
  };
}

export interface LogMediationInput {
  userId: string;
  caseId: number;
  /** The form's view id: submitting the same view twice logs one entry. */
  viewId: string;
  raw: MediationRaw;
}

export interface LogMediationResult {
  record: CaseRow;
  entryId: number;
  created: boolean;
}

/** Logs one contact with a party (and any offer and outcome) and records it on the case's timeline. */
export function logMediation(deps: FlowDeps, input: LogMediationInput): LogMediationResult {
  const now = deps.clock.now();
  const result = inTransaction(deps.db, (tx): LogMediationResult => {
    const record = caseFromModal(deps, input.userId, input.caseId, "mediation.log");
    const logged = mediationEntryLoggedFromView(tx, record.id, input.viewId);
    if (logged !== undefined) return { record, entryId: logged, created: false };

    const parties = partiesOfCase(tx, record.id);
    const draft = validateMediation(
      input.raw,
      parties.map((p) => p.account.id),
    );
    const party = parties.find((p) => p.account.id === draft.accountId);
    const entry = insertMediationEntry(tx, {
      caseId: record.id,
      accountId: draft.accountId,
      channel: draft.channel,
      summary: draft.summary,
      offerKind: draft.offer,
      offerAmountMinor: draft.amountMinor,
      offerCurrency: draft.currency,
      outcome: draft.outcome,
      loggedBy: input.userId,
      loggedAt: now,
    });
    const updated = recordCaseChange(tx, record, {
      actor: input.userId,
      at: now,
      kind: "mediation_logged",
      payload: {
        entryId: entry.id,
        viewId: input.viewId,
        party: { role: party?.partyRole, accountRef: party?.account.accountRef, accountRole: party?.account.role },
        channel: draft.channel,
        summary: draft.summary,
        offer: { kind: draft.offer, amountMinor: draft.amountMinor, currency: draft.currency },
        outcome: draft.outcome,
      },
    });
    return { record: updated, entryId: entry.id, created: true };
  });
  if (result.created) deps.wakeScheduler();
  return result;
}
