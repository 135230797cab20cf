import type { CaseRow } from "../../../db/schema.ts";
import { assertTransition, type CaseStatus } from "../../core/lifecycle.ts";
import type { TimelineEventKind, TimelinePayloads } from "../../core/timelineEvents.ts";
import { updateCase } from "../../store/cases.ts";
import type { Executor } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import { enqueueCaseRefresh } from "../jobs/refreshCaseSummary.ts";
import { watchSlaClocks } from "../sla/slaReminders.ts";
import { slaFactsOf } from "../sla/slaStatus.ts";

export interface CaseChange<K extends TimelineEventKind> {
  actor: string;
  at: number;
  kind: K;
  payload: TimelinePayloads[K];
  /** A status the change moves the case to; checked against the lifecycle table. */
  moveTo?: CaseStatus;
  /** Other columns of the case the change sets (owner, ...). */
  set?: { ownerId?: string | null };
}

/**
 * The one way a flow records a change to a case: exactly one chained event (carrying the status move,
 * if any), and a refresh of the pinned summary, triage post and topic, and (when the event bears on
 * them) a check of the SLA clocks, queued in the same transaction.
 */
export function recordCaseChange<K extends TimelineEventKind>(
  tx: Executor,
  record: CaseRow,
  change: CaseChange<K>,
): CaseRow {
  const from = record.status;
  if (change.moveTo) assertTransition(from, change.moveTo);
  const payload = change.moveTo ? { ...change.payload, status: { from, to: change.moveTo } } : change.payload;
  const event = appendEvent(tx, { caseId: record.id, actor: change.actor, at: change.at, kind: change.kind, payload });
  const updated = updateCase(tx, record.id, {
    ...change.set,
    ...(change.moveTo ? { status: change.moveTo } : {}),
    updatedAt: change.at,
  });
  enqueueCaseRefresh(tx, updated, event.seq, change.at, { topic: change.moveTo !== undefined });
  // Only an event the clocks read (a status move, a contact, a decision) can start, pause or answer one.
  if (slaFactsOf([event]).length > 0) watchSlaClocks(tx, updated, change.at, event.seq);
  return updated;
}
