import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import { cases, type JobRow, jobs } from "../../db/schema.ts";
import { LOWEST_SEVERITY_RANK, severityRank } from "../core/severity.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  caseId?: number | null;
  /** Unique forever: enqueuing the same key twice keeps the first job. */
  key: string;
  runAt: number;
  maxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 12;

const severityOfCase = preparedStatement((db) =>
  db
    .select({ severity: cases.severity })
    .from(cases)
    .where(eq(cases.id, sql.placeholder("caseId")))
    .prepare(),
);

/** The case's severity rank as it is now; a job of no case runs last. */
function priorityOf(tx: Executor, caseId: number | null): number {
  if (caseId === null) return LOWEST_SEVERITY_RANK;
  const record = severityOfCase(tx).get({ caseId });
  return record ? severityRank(record.severity) : LOWEST_SEVERITY_RANK;
}

const insertJob = preparedStatement((db) =>
  db
    .insert(jobs)
    .values({
      kind: sql.placeholder("kind"),
      payload: sql.placeholder("payload"),
      caseId: sql.placeholder("caseId"),
      idempotencyKey: sql.placeholder("idempotencyKey"),
      runAt: sql.placeholder("runAt"),
      priority: sql.placeholder("priority"),
      maxAttempts: sql.placeholder("maxAttempts"),
      createdAt: sql.placeholder("createdAt"),
    })
    .onConflictDoNothing({ target: jobs.idempotencyKey })
    .prepare(),
);

/** Returns true when a new job was written, false when its key was already known. */
export function enqueueJob(tx: Executor, job: NewJob, now: number): boolean {
  const caseId = job.caseId ?? null;
  const result = insertJob(tx).run({
    kind: job.kind,
    payload: job.payload,
    caseId,
    idempotencyKey: job.key,
    runAt: job.runAt,
    priority: priorityOf(tx, caseId),
    maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    createdAt: now,
  });
  return result.changes > 0;
}

const pending = and(isNull(jobs.doneAt), isNull(jobs.failedAt));

const unleased = (now: number) => or(isNull(jobs.leaseUntil), lte(jobs.leaseUntil, now));

/**
 * Up to `limit` due jobs nobody holds a lease on, most severe case first, then oldest due, then first queued;
 * a lease that ran out (a crashed worker) makes its job due again. Kinds and cases the runner holds back are
 * left out here, so held-back work never crowds the jobs that can run out of the window.
 */
export function dueJobsInClaimOrder(
  tx: Executor,
  due: { now: number; limit: number; skipKinds: readonly string[]; skipCases: readonly number[] },
): JobRow[] {
  return tx
    .select()
    .from(jobs)
    .where(
      and(
        pending,
        lte(jobs.runAt, due.now),
        unleased(due.now),
        due.skipKinds.length > 0 ? notInArray(jobs.kind, [...due.skipKinds]) : undefined,
        due.skipCases.length > 0 ? or(isNull(jobs.caseId), notInArray(jobs.caseId, [...due.skipCases])) : undefined,
      ),
    )
    .orderBy(asc(jobs.priority), asc(jobs.runAt), asc(jobs.id))
    .limit(due.limit)
    .all();
}

/** Leases one job to `owner` and counts the attempt. */
export function leaseJob(tx: Executor, id: number, lease: { now: number; leaseMs: number; owner: string }): JobRow {
  return tx
    .update(jobs)
    .set({ leaseUntil: lease.now + lease.leaseMs, leasedBy: lease.owner, attempts: sql`${jobs.attempts} + 1` })
    .where(eq(jobs.id, id))
    .returning()
    .get();
}

/** Holds a job its owner still leases until `until`: false when the lease ran out and another worker took it. */
export function extendJobLease(tx: Executor, lease: { id: number; owner: string; until: number }): boolean {
  const held = tx
    .update(jobs)
    .set({ leaseUntil: lease.until })
    .where(and(eq(jobs.id, lease.id), eq(jobs.leasedBy, lease.owner), isNull(jobs.doneAt)))
    .run();
  return held.changes === 1;
}

/** Whether a job of one of `kinds` is due and unleased: work the runner holds back, waiting for Slack's budget. */
export function hasDueJobOfKinds(tx: Executor, now: number, kinds: readonly string[]): boolean {
  if (kinds.length === 0) return false;
  const found = tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(pending, lte(jobs.runAt, now), unleased(now), inArray(jobs.kind, [...kinds])))
    .limit(1)
    .get();
  return found !== undefined;
}

export function completeJob(tx: Executor, id: number, now: number): void {
  tx.update(jobs).set({ doneAt: now, leaseUntil: null, leasedBy: null }).where(eq(jobs.id, id)).run();
}

/** Puts a job back for a later attempt; `countAttempt: false` for waits Slack asked for (429). */
export function retryJobLater(
  tx: Executor,
  id: number,
  retry: { runAt: number; error: string; countAttempt: boolean },
): void {
  tx.update(jobs)
    .set({
      runAt: retry.runAt,
      lastError: retry.error,
      leaseUntil: null,
      leasedBy: null,
      ...(retry.countAttempt ? {} : { attempts: sql`${jobs.attempts} - 1` }),
    })
    .where(eq(jobs.id, id))
    .run();
}

/**
 * Puts a job back to run at `runAt`, as its handler asked: neither an attempt nor an error, so an error
 * from an earlier attempt (a 429 waited out) no longer describes why the job waits.
 */
export function deferJob(tx: Executor, id: number, runAt: number): void {
  tx.update(jobs)
    .set({ runAt, lastError: null, leaseUntil: null, leasedBy: null, attempts: sql`${jobs.attempts} - 1` })
    .where(eq(jobs.id, id))
    .run();
}

/** Whether a job of the same kind and case, queued after `job`, is still to run. */
export function hasLaterPendingJob(tx: Executor, job: JobRow): boolean {
  if (job.caseId === null) return false;
  const later = tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(pending, eq(jobs.kind, job.kind), eq(jobs.caseId, job.caseId), gt(jobs.id, job.id)))
    .limit(1)
    .get();
  return later !== undefined;
}

export function jobByKey(tx: Executor, key: string): JobRow | undefined {
  return tx.select().from(jobs).where(eq(jobs.idempotencyKey, key)).get();
}

export function failJob(tx: Executor, id: number, error: string, now: number): void {
  tx.update(jobs)
    .set({ failedAt: now, lastError: error, leaseUntil: null, leasedBy: null })
    .where(eq(jobs.id, id))
    .run();
}

/**
 * When the next pending job becomes due (or its lease runs out) after `now`, for the scheduler's sleep; jobs
 * due already are either running or held back for Slack's budget, whose refill the runner knows itself.
 */
export function nextJobDueAfter(tx: Executor, now: number): number | undefined {
  const dueAt = sql<number>`max(${jobs.runAt}, coalesce(${jobs.leaseUntil}, 0))`;
  const row = tx
    .select({ at: sql<number | null>`min(${dueAt})` })
    .from(jobs)
    .where(and(pending, gt(dueAt, now)))
    .get();
  return row?.at ?? undefined;
}

export function pendingJobCount(tx: Executor): number {
  return tx.select({ n: sql<number>`count(*)` }).from(jobs).where(pending).get()?.n ?? 0;
}

export interface JobFailure {
  jobKind: string;
  error: string;
  at: number;
}

/** The case's side effects the runner gave up on, latest first. */
export function failedJobsOfCase(tx: Executor, caseId: number, limit: number): JobFailure[] {
  return tx
    .select({ jobKind: jobs.kind, error: jobs.lastError, at: jobs.failedAt })
    .from(jobs)
    .where(and(eq(jobs.caseId, caseId), isNotNull(jobs.failedAt)))
    .orderBy(desc(jobs.failedAt), desc(jobs.id))
    .limit(limit)
    .all()
    .map((p) => ({ jobKind: p.jobKind, error: p.error ?? "unknown error", at: p.at ?? 0 }));
}
