import type { CaseRow } from "../../db/schema.ts";
import { assertTransition, type CaseStatus } from "../core/lifecycle.ts";
import { updateCase } from "../store/cases.ts";
import type { Executor } from "../store/database.ts";
import { appendEvent } from "../store/events.ts";
import { enqueueCaseRefresh } from "./caseJobs.ts";

export interface CaseChange {
  actor: string;
  at: number;
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * The one way a flow records a change to a case: exactly one chained event, and a refresh of the
 * pinned summary, triage post and topic queued in the same transaction.
 */
export function recordCaseChange(tx: Executor, record: CaseRow, change: CaseChange): CaseRow {
  const event = appendEvent(tx, { caseId: record.id, ...change });
  const updated = updateCase(tx, record.id, { updatedAt: change.at });
  enqueueCaseRefresh(tx, updated, event.seq, change.at);
  return updated;
}

/** Moves a case along the lifecycle table (a DomainError for any other move) and records it. */
export function moveCase(
  tx: Executor,
  record: CaseRow,
  to: CaseStatus,
  change: { actor: string; at: number; reason?: string },
): CaseRow {
  const from = record.status as CaseStatus;
  assertTransition(from, to);
  const moved = updateCase(tx, record.id, { status: to, updatedAt: change.at });
  return recordCaseChange(tx, moved, {
    actor: change.actor,
    at: change.at,
    kind: "status_changed",
    payload: { from, to, ...(change.reason ? { reason: change.reason } : {}) },
  });
}
