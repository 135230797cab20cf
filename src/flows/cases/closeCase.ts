import type { CaseRow } from "../../../db/schema.ts";
import {
  CLOSE_OUTCOMES,
  CLOSE_SUMMARY_MAX,
  type CloseOutcome,
  cannotCloseReason,
  isCloseOutcome,
  stepsToClose,
} from "../../core/caseClose.ts";
import { fail } from "../../core/domainError.ts";
import { type CaseStatus, statusLabel } from "../../core/lifecycle.ts";
import { SANCTION_RUNGS } from "../../core/sanctions.ts";
import { cleanText } from "../../core/text.ts";
import type { TimelineEventKind } from "../../core/timelineEvents.ts";
import { latestEventOfKind } from "../../store/caseClose.ts";
import { getConsultTeam, openConsultsOfCase } from "../../store/consults.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { timelinePayload } from "../../store/events.ts";
import { undecidedProposalsOfCase } from "../../store/sanctions.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueZendeskNote } from "../jobs/addZendeskNote.ts";
import { enqueueArchive } from "../jobs/archiveWarRoom.ts";
import { enqueueCloseSummary } from "../jobs/postCloseSummary.ts";
import { recordCaseChange } from "./caseChange.ts";
import { caseFromModal } from "./caseForAction.ts";

export const CLOSED_EVENT = "case_closed" satisfies TimelineEventKind;

/** The timeline event of each move closing makes; the last one carries the outcome. */
const MOVE_EVENT: Readonly<Partial<Record<CaseStatus, "case_resolved" | typeof CLOSED_EVENT>>> = {
  resolved: "case_resolved",
  closed: CLOSED_EVENT,
};

/** Open consults and proposals, named; a case is not closed while anyone still owes an answer or a vote. */
function openWork(tx: Executor, record: CaseRow): string[] {
  const consults = openConsultsOfCase(tx, record.id).map(
    (c) => `the consult to ${getConsultTeam(tx, c.teamId)?.name ?? "a team"} (#${c.id})`,
  );
  const proposals = undecidedProposalsOfCase(tx, record.id).map(
    (p) => `proposal P${p.seq} (${SANCTION_RUNGS[p.rung]?.label ?? p.rung})`,
  );
  return [...consults, ...proposals];
}

/** Refuses a case that cannot be closed as it stands (open work first: it says what to do); returns the moves closing will record. */
function assertClosable(tx: Executor, record: CaseRow, field?: string): CaseStatus[] {
  const status = record.status;
  const steps = stepsToClose(status);
  const options = field ? { field } : {};
  const open = openWork(tx, record);
  if (open.length > 0) {
    fail(
      "conflict",
      `${record.humanId} cannot be closed while work is open: ${open.join(", ")}. Answer, withdraw or decide it first.`,
      options,
    );
  }
  if (!steps) {
    fail(
      "invalid_transition",
      `${record.humanId} is ${statusLabel(status).toLowerCase()} and cannot be closed: ${cannotCloseReason(status)}.`,
      options,
    );
  }
  return steps;
}

/** The close form opens only for a case that could be closed now. */
export function closeForm(deps: FlowDeps, record: CaseRow): CaseRow {
  assertClosable(deps.db, record);
  return record;
}

export interface CloseCaseInput {
  userId: string;
  caseId: number;
  viewId: string;
  /** Field names are the close modal's block ids. */
  summary: string | null;
  outcome: string | null;
}

function readCloseForm(input: CloseCaseInput): { summary: string; outcome: CloseOutcome } {
  const summary = cleanText(input.summary);
  if (!summary) fail("invalid_input", "Write the resolution summary.", { field: "summary" });
  if (summary.length > CLOSE_SUMMARY_MAX) {
    fail("invalid_input", `Keep the summary to ${CLOSE_SUMMARY_MAX} characters or fewer.`, { field: "summary" });
  }
  const outcome = input.outcome ?? "";
  if (!isCloseOutcome(outcome)) {
    fail("invalid_input", `Pick one of: ${Object.values(CLOSE_OUTCOMES).join(", ")}.`, { field: "outcome" });
  }
  return { summary, outcome };
}

/**
 * Closes a case from the close form, in one transaction: each lifecycle move on the way to closed is
 * its own chained event (e.g. decision → `case_resolved` → `case_closed`), so the record shows every
 * status the case passed, and the last event carries the outcome and summary. Then the closing summary
 * is queued for the triage channel and, after the grace period, the war room's archiving.
 * The same form submitted twice records one close.
 */
export function closeCase(deps: FlowDeps, input: CloseCaseInput): CaseRow {
  const now = deps.clock.now();
  const form = readCloseForm(input);
  const closed = inTransaction(deps.db, (tx) => {
    const record = caseFromModal(deps, input.userId, input.caseId, "case.update");
    if (record.status === "closed") {
      const last = latestEventOfKind(tx, record.id, CLOSED_EVENT);
      if (last && timelinePayload(CLOSED_EVENT, last.payload).viewId === input.viewId) return record;
    }
    let current = record;
    for (const step of assertClosable(tx, record, "summary")) {
      const last = step === "closed";
      current = recordCaseChange(tx, current, {
        actor: input.userId,
        at: now,
        kind: MOVE_EVENT[step] ?? "status_changed",
        moveTo: step,
        payload: last ? { ...form, viewId: input.viewId } : { reason: "closing" },
      });
    }
    const closeSeq = latestEventOfKind(tx, current.id, CLOSED_EVENT)?.seq ?? fail("conflict", "close not recorded");
    enqueueCloseJobs(tx, deps, current, closeSeq, now);
    return current;
  });
  deps.wakeScheduler();
  return closed;
}

/** Close jobs name the close they follow (its event's seq): a case closed, reopened and closed again gets new ones. */
function enqueueCloseJobs(tx: Executor, deps: FlowDeps, record: CaseRow, closeSeq: number, now: number): void {
  enqueueCloseSummary(tx, record, closeSeq, now);
  enqueueZendeskNote(tx, deps.config, record, { occasion: "closed", caseId: record.id, closeSeq }, now);
  if (record.channelId) enqueueArchive(tx, record, closeSeq, now + deps.config.slack.archiveGraceMs, now);
}
