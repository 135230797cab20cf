import { and, gt, isNull, lte, min, sql } from "drizzle-orm";
import { CLOSED_CASE_STATUS_LIST, caseCounts, jobs, readinessHeartbeat } from "../../db/schema.ts";
import type { CaseStatus } from "../core/lifecycle.ts";
import type { Severity } from "../core/severity.ts";
import type { Executor } from "./database.ts";
import { pendingJobCount } from "./jobs.ts";
import { preparedStatement } from "./preparedStatement.ts";

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

// App Home and /incident list read it on every open (through openCaseCountsBySeverity): prepared once.
const openCaseCountRows = preparedStatement((db) =>
  db
    .select({ severity: caseCounts.severity, status: caseCounts.status, cases: caseCounts.n })
    .from(caseCounts)
    .where(and(sql`${caseCounts.status} NOT IN (${CLOSED_CASE_STATUS_LIST})`, gt(caseCounts.n, 0)))
    .prepare(),
);

/**
 * Open cases by status and severity, from the counts the `case_counts` triggers keep: a row per open status and
 * severity, however many cases are open. A pair with none open (its row kept at 0) is left out.
 */
export function openCaseCounts(tx: Executor): OpenCaseCount[] {
  return openCaseCountRows(tx).all();
}

/** Closed cases by status, from the kept counts. */
export function closedCaseCounts(tx: Executor): Array<{ status: CaseStatus; cases: number }> {
  return tx
    .select({ status: caseCounts.status, cases: sql<number>`sum(${caseCounts.n})` })
    .from(caseCounts)
    .where(and(sql`${caseCounts.status} IN (${CLOSED_CASE_STATUS_LIST})`, gt(caseCounts.n, 0)))
    .groupBy(caseCounts.status)
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
