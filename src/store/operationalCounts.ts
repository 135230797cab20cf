import { and, count, isNull, lte, min, sql } from "drizzle-orm";
import { CLOSED_CASE_STATUS_LIST, cases, jobs, readinessHeartbeat } from "../../db/schema.ts";
import type { CaseStatus } from "../core/lifecycle.ts";
import type { Severity } from "../core/severity.ts";
import type { Executor } from "./database.ts";
import { pendingJobCount } from "./jobs.ts";

/** Rewrites the one heartbeat row: the smallest write that proves the database takes writes. */
export function writeReadinessHeartbeat(tx: Executor, at: number): void {
  tx.insert(readinessHeartbeat)
    .values({ id: 1, writtenAt: at })
    .onConflictDoUpdate({ target: readinessHeartbeat.id, set: { writtenAt: at } })
    .run();
}

export interface OpenCaseCount {
  status: CaseStatus;
  severity: Severity;
  cases: number;
}

/**
 * Open cases by status and severity. The WHERE term repeats the partial indexes' own (a literal list), so
 * SQLite reads the few open rows through `cases_open_severity`, never the years of closed ones.
 */
export function openCaseCounts(tx: Executor): OpenCaseCount[] {
  return tx
    .select({ severity: cases.severity, status: cases.status, cases: count() })
    .from(cases)
    .where(sql`${cases.status} NOT IN (${CLOSED_CASE_STATUS_LIST})`)
    .groupBy(cases.severity, cases.status)
    .all();
}

/** Closed cases by status: one walk of the `cases_status_created` index, so callers should not run it often. */
export function closedCaseCounts(tx: Executor): Array<{ status: CaseStatus; cases: number }> {
  return tx
    .select({ status: cases.status, cases: count() })
    .from(cases)
    .where(sql`${cases.status} IN (${CLOSED_CASE_STATUS_LIST})`)
    .groupBy(cases.status)
    .all();
}

const pendingJob = and(isNull(jobs.doneAt), isNull(jobs.failedAt));

/** Jobs still to run, and the run time of the oldest one already due (both read off the `jobs_due` index). */
export function jobBacklog(tx: Executor, now: number): { pending: number; oldestDueAt: number | null } {
  const pending = pendingJobCount(tx);
  const oldest = tx
    .select({ at: min(jobs.runAt) })
    .from(jobs)
    .where(and(pendingJob, lte(jobs.runAt, now)))
    .get();
  return { pending, oldestDueAt: oldest?.at ?? null };
}
