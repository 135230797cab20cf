import type { CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { type CaseStatus, isCaseStatus, statusLabel, TRANSITIONS } from "../../core/lifecycle.ts";
import { cleanText } from "../../core/text.ts";
import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { recordCaseChange } from "./caseChange.ts";
import { caseFromModal } from "./caseForAction.ts";

export const STATUS_NOTE_MAX = 1000;

/**
 * Moves the status form does not offer: `merged` needs the case it merges into, and `waiting_consult`
 * is set by requesting a consult.
 */
const SET_ELSEWHERE: ReadonlySet<CaseStatus> = new Set(["merged", "waiting_consult"]);

/** The statuses a person may pick for a case that is `from` now, in lifecycle order. */
export function statusChoices(from: CaseStatus): CaseStatus[] {
  return TRANSITIONS[from].filter((to) => !SET_ELSEWHERE.has(to));
}

export interface StatusChangeForm {
  record: CaseRow;
  choices: CaseStatus[];
}

/** What the status form offers for the case; a case with nowhere to go is refused before the form opens. */
export function statusChangeForm(record: CaseRow): StatusChangeForm {
  const status = record.status;
  const choices = statusChoices(status);
  if (choices.length === 0) {
    fail("invalid_transition", `${record.humanId} is ${statusLabel(status).toLowerCase()}: its status cannot change.`);
  }
  return { record, choices };
}

export interface ChangeStatusInput {
  userId: string;
  caseId: number;
  /** Field names are the status modal's block ids. */
  status: string | null;
  note: string | null;
}

/** Records a status change from the status form, checked against the case as it is at submit time. */
export function changeStatus(deps: FlowDeps, input: ChangeStatusInput): CaseRow {
  const now = deps.clock.now();
  const note = cleanText(input.note);
  const updated = inTransaction(deps.db, (tx) => {
    const record = caseFromModal(deps, input.userId, input.caseId, "case.update");
    const from = record.status;
    const to = input.status;
    if (!to) fail("invalid_input", "Pick the new status.", { field: "status" });
    if (!isCaseStatus(to) || !statusChoices(from).includes(to)) {
      // Someone else moved the case while this form was open, or the form was tampered with.
      const wanted = isCaseStatus(to) ? statusLabel(to).toLowerCase() : "that status";
      const message =
        to === from
          ? `${record.humanId} is already ${wanted}.`
          : `${record.humanId} is ${statusLabel(from).toLowerCase()} now and cannot move to ${wanted}. Pick another status.`;
      fail("invalid_transition", message, { field: "status" });
    }
    if (note.length > STATUS_NOTE_MAX) {
      fail("invalid_input", `Keep the note to ${STATUS_NOTE_MAX} characters or fewer.`, { field: "note" });
    }
    return recordCaseChange(tx, record, {
      actor: input.userId,
      at: now,
      kind: "status_changed",
      moveTo: to,
      payload: note ? { note } : {},
    });
  });
  deps.wakeScheduler();
  return updated;
}
