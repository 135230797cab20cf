import { and, asc, desc, eq, gt, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { type JobRow, jobs } from "../../db/schema.ts";
import type { Executor } from "./database.ts";

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

/** Returns true when a new job was written, false when its key was already known. */
export function enqueueJob(tx: Executor, job: NewJob, now: number): boolean {
  const result = tx
    .insert(jobs)
    .values({
      kind: job.kind,
      payload: job.payload,
      caseId: job.caseId ?? null,
      idempotencyKey: job.key,
      runAt: job.runAt,
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      createdAt: now,
    })
    .onConflictDoNothing({ target: jobs.idempotencyKey })
    .run();
  return result.changes > 0;
}

const pending = and(isNull(jobs.doneAt), isNull(jobs.failedAt));

/** Leases up to `limit` due jobs to `owner`; a lease that ran out (a crashed worker) is claimable again. */
export function claimDueJobs(
  tx: Executor,
  claim: { now: number; limit: number; leaseMs: number; owner: string },
): JobRow[] {
  const due = tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(pending, lte(jobs.runAt, claim.now), or(isNull(jobs.leaseUntil), lte(jobs.leaseUntil, claim.now))))
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(claim.limit)
    .all();
  return due.map(({ id }) =>
    tx
      .update(jobs)
      .set({ leaseUntil: claim.now + claim.leaseMs, leasedBy: claim.owner, attempts: sql`${jobs.attempts} + 1` })
      .where(eq(jobs.id, id))
      .returning()
      .get(),
  );
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

/** When the next pending job becomes due (or its lease runs out), for the scheduler's sleep. */
export function nextJobDueAt(tx: Executor): number | undefined {
  const row = tx
    .select({ at: sql<number | null>`min(max(${jobs.runAt}, coalesce(${jobs.leaseUntil}, 0)))` })
    .from(jobs)
    .where(pending)
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
