import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
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

// Unleased, or its lease ran out (a crashed worker): the job may be claimed.
const unleasedAt = or(isNull(jobs.leaseUntil), lte(jobs.leaseUntil, sql.placeholder("now")));

/** Every job's priority: enqueueJob writes a severity rank or the lowest one. */
const PRIORITIES = Array.from({ length: LOWEST_SEVERITY_RANK }, (_, i) => i + 1);

const placeholders = (prefix: string, count: number) =>
  sql.join(
    Array.from({ length: count }, (_, i) => sql.placeholder(`${prefix}${i}`)),
    sql`, `,
  );

/** The claim's read with room for `kinds` kinds and `cases` cases to skip: one prepared statement per shape. */
function dueJobsSkipping(kinds: number, cases: number) {
  return preparedStatement((db) =>
    db
      .select()
      .from(jobs)
      .where(
        and(
          pending,
          // Every rank by name, so SQLite seeks each priority's due range instead of walking later jobs too.
          inArray(jobs.priority, PRIORITIES),
          lte(jobs.runAt, sql.placeholder("now")),
          unleasedAt,
          kinds > 0 ? sql`${jobs.kind} NOT IN (${placeholders("kind", kinds)})` : undefined,
          cases > 0
            ? sql`(${jobs.caseId} IS NULL OR ${jobs.caseId} NOT IN (${placeholders("case", cases)}))`
            : undefined,
        ),
      )
      .orderBy(asc(jobs.priority), asc(jobs.runAt), asc(jobs.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  );
}

// Shapes are few (paced kinds × concurrency); padding every list to one size made SQLite probe a 32-value list per row.
const dueJobsByShape = new Map<string, ReturnType<typeof dueJobsSkipping>>();

const numbered = <T>(prefix: string, values: readonly T[]) =>
  Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v]));

/**
 * Up to `limit` due jobs nobody holds a lease on, most severe case first, then oldest due, then first queued;
 * a lease that ran out (a crashed worker) makes its job due again. Kinds and cases the runner holds back are
 * left out here, so held-back work never crowds the jobs that can run out of the window. SQLite reads one
 * range of jobs_claim per priority (jobs planned for later are never read), and passes over held-back jobs on
 * the index entry without reading their rows.
 */
export function dueJobsInClaimOrder(
  tx: Executor,
  due: { now: number; limit: number; skipKinds: readonly string[]; skipCases: readonly number[] },
): JobRow[] {
  const shape = `${due.skipKinds.length} ${due.skipCases.length}`;
  let statement = dueJobsByShape.get(shape);
  if (statement === undefined) {
    statement = dueJobsSkipping(due.skipKinds.length, due.skipCases.length);
    dueJobsByShape.set(shape, statement);
  }
  return statement(tx).all({
    ...numbered("kind", due.skipKinds),
    ...numbered("case", due.skipCases),
    now: due.now,
    limit: due.limit,
  });
}

const leaseJobStatement = preparedStatement((db) =>
  db
    .update(jobs)
    .set({
      leaseUntil: sql`${sql.placeholder("leaseUntil")}`,
      leasedBy: sql`${sql.placeholder("owner")}`,
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(eq(jobs.id, sql.placeholder("id")))
    .returning()
    .prepare(),
);

/** Leases one job to `owner` and counts the attempt. */
export function leaseJob(tx: Executor, id: number, lease: { now: number; leaseMs: number; owner: string }): JobRow {
  const leased = leaseJobStatement(tx).get({ id, leaseUntil: lease.now + lease.leaseMs, owner: lease.owner });
  if (leased === undefined) throw new Error(`job ${id} to lease is gone`);
  return leased;
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

const dueJobOfKind = preparedStatement((db) =>
  db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(pending, eq(jobs.kind, sql.placeholder("kind")), lte(jobs.runAt, sql.placeholder("now")), unleasedAt))
    .limit(1)
    .prepare(),
);

/** Whether a job of `kind` is due and unleased: work the runner holds back, waiting for Slack's budget. */
export function hasDueJobOfKind(tx: Executor, now: number, kind: string): boolean {
  return dueJobOfKind(tx).get({ kind, now }) !== undefined;
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

// Unleased: due at run_at. The index walk from `now` passes over leased rows only, a few at most.
const nextUnleasedRunAt = preparedStatement((db) =>
  db
    .select({ at: jobs.runAt })
    .from(jobs)
    .where(and(pending, isNull(jobs.leaseUntil), gt(jobs.runAt, sql.placeholder("now"))))
    .orderBy(asc(jobs.runAt))
    .limit(1)
    .prepare(),
);

// Leased: due when both its run_at and its lease are past; the partial index holds only the leases held now.
const leasedDueAt = sql<number>`max(${jobs.runAt}, ${jobs.leaseUntil})`;
const nextLeasedDueAt = preparedStatement((db) =>
  db
    .select({ at: sql<number | null>`min(${leasedDueAt})` })
    .from(jobs)
    .where(and(pending, isNotNull(jobs.leaseUntil), gt(leasedDueAt, sql.placeholder("now"))))
    .prepare(),
);

/**
 * When the next pending job becomes due (or its lease runs out) after `now`, for the scheduler's sleep; jobs
 * due already are either running or held back for Slack's budget, whose refill the runner knows itself.
 * Two indexed reads, for unleased and leased jobs apart: one expression over both would read every pending job.
 */
export function nextJobDueAfter(tx: Executor, now: number): number | undefined {
  const unleased = nextUnleasedRunAt(tx).get({ now })?.at;
  const leased = nextLeasedDueAt(tx).get({ now })?.at ?? undefined;
  if (unleased === undefined) return leased;
  return leased === undefined ? unleased : Math.min(unleased, leased);
}

export function pendingJobCount(tx: Executor): number {
  return tx.select({ n: sql<number>`count(*)` }).from(jobs).where(pending).get()?.n ?? 0;
}

export interface JobFailure {
  jobKind: string;
  error: string;
  at: number;
}

// Read by every case summary and status: prepared once.
const failedJobs = preparedStatement((db) =>
  db
    .select({ jobKind: jobs.kind, error: jobs.lastError, at: jobs.failedAt })
    .from(jobs)
    .where(and(eq(jobs.caseId, sql.placeholder("caseId")), isNotNull(jobs.failedAt)))
    .orderBy(desc(jobs.failedAt), desc(jobs.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/** The case's side effects the runner gave up on, latest first. */
export function failedJobsOfCase(tx: Executor, caseId: number, limit: number): JobFailure[] {
  return failedJobs(tx)
    .all({ caseId, limit })
    .map((p) => ({ jobKind: p.jobKind, error: p.error ?? "unknown error", at: p.at ?? 0 }));
}
