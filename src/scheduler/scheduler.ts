import { randomUUID } from "node:crypto";
import { setTimeout as delay, setImmediate as nextTurn } from "node:timers/promises";
import type { JobRow } from "../../db/schema.ts";
import type { Clock } from "../clock.ts";
import type { Logger } from "../log.ts";
import { settlesWithin } from "../settlesWithin.ts";
import type { Db, Executor } from "../store/database.ts";
import { inTransaction, isDatabaseBusy } from "../store/database.ts";
import { completeJob, deferJob, failJob, nextJobDueAfter, retryJobLater } from "../store/jobs.ts";
import { claimPacedJobs, nextRoomForDueKinds } from "./pacedClaim.ts";
import { type JobPacing, PaceLedger, UNPACED } from "./pacing.ts";
import { backoffMs, classifyFailure, DATABASE_BUSY_RETRY_MS, type FailureClass } from "./slackFailure.ts";

/** What to write about a job once its handler returned, and what to do once it is written. */
interface JobOutcome {
  write: (tx: Executor) => void;
  afterWrite?: () => void;
}

/** A handler's answer when it is not time yet: run the job again at `deferUntil` (not a failed attempt). */
export interface JobDeferral {
  deferUntil: number;
}

// biome-ignore lint/suspicious/noConfusingVoidType: most handlers never defer and are plain `Promise<void>` functions.
export type JobHandler = (payload: unknown, job: JobRow) => Promise<JobDeferral | void>;

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  handlers: Readonly<Record<string, JobHandler>>;
  leaseMs: number;
  /** Jobs run at once, each of a different case (a case's jobs run one at a time, in queue order). */
  concurrency?: number;
  /** The rate budgets each job spends; a job whose budget is spent waits, due, while other work runs. */
  pacing?: JobPacing;
  /** Longest sleep between looks at the table, so jobs written by another process are seen. */
  pollMs?: number;
  /** Called once when a job is given up on (a permanent error, or attempts exhausted). */
  onGiveUp?: (job: JobRow, error: string) => void;
}

/** The durable job runner: claim with a lease, run, then complete, retry later, or give up. */
export class Scheduler {
  readonly owner = `worker-${randomUUID()}`;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private wokenWhileRunning = false;
  private wakeQueued = false;
  private started = false;
  private idle: Promise<void> = Promise.resolve();
  private claimMetBusyDatabase = false;
  private readonly pacing: JobPacing;
  private readonly ledger = new PaceLedger();
  private readonly busyCases = new Set<number>();
  /** When the earliest job the last claim passed over for a spent budget may run. */
  private heldUntil: number | undefined;
  private stopping = false;
  private lastLook: number | undefined;

  constructor(private readonly options: SchedulerOptions) {
    // Enough for a burst's war rooms to open side by side; each slot waits on Slack, not on the CPU.
    this.concurrency = options.concurrency ?? 8;
    this.pollMs = options.pollMs ?? 1000;
    this.pacing = options.pacing ?? UNPACED;
  }

  start(): void {
    this.started = true;
    this.stopping = false;
    this.wake();
  }

  /**
   * Claims no more jobs and waits for the running ones, at most `graceMs`: true when none was left running.
   * A job still running then keeps its lease, and runs again once the lease ends (at the next start).
   */
  async stop(graceMs: number): Promise<boolean> {
    this.started = false;
    this.stopping = true;
    clearTimeout(this.timer);
    return settlesWithin(this.idle, graceMs);
  }

  /** When the runner last looked for due jobs (by its clock), for readiness: a stuck loop stops looking. */
  lastLookedAt(): number | undefined {
    return this.lastLook;
  }

  /**
   * Run what is due now; safe to call at any time and from any flow. The look starts on the next turn of the
   * event loop, so a flow that wakes the runner (an intake, before its answer) never pays for a claim.
   */
  wake(): void {
    if (!this.started) return;
    if (this.running) {
      this.wokenWhileRunning = true;
      return;
    }
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      if (!this.started) return;
      if (this.running) {
        this.wokenWhileRunning = true;
        return;
      }
      clearTimeout(this.timer);
      this.idle = this.loop();
    });
  }

  /**
   * Runs due jobs until none is due at the clock's current time and none is running (tests and the demo
   * use this). Up to `concurrency` run at once, and a freed slot takes the next due job at once: a slow
   * Slack call holds up only its own slot, not a whole batch.
   */
  async runUntilIdle(): Promise<number> {
    const running = new Set<Promise<void>>();
    let total = 0;
    for (;;) {
      // Once stopping, the running jobs finish and none starts: a queue of a million waits for the next start.
      const claimed = this.stopping ? [] : this.claim(this.concurrency - running.size);
      for (const job of claimed) {
        const caseId = job.caseId;
        if (caseId !== null) this.busyCases.add(caseId);
        const run: Promise<void> = this.runOne(job).finally(() => {
          running.delete(run);
          if (caseId !== null) this.busyCases.delete(caseId);
        });
        running.add(run);
        total += 1;
      }
      if (running.size === 0) return total;
      await Promise.race(running);
      // Jobs that only touch the database settle in microtasks: without a turn of the event loop between them, a
      // queue of thousands (a sweep after an upgrade) would keep HTTP, /healthz and acks waiting until it drained.
      await nextTurn();
    }
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      do {
        this.wokenWhileRunning = false;
        await this.runUntilIdle();
      } while (this.wokenWhileRunning && this.started);
    } catch (error) {
      this.options.log.error({ err: error }, "scheduler loop failed; retrying after the poll interval");
    } finally {
      this.running = false;
      this.arm();
    }
  }

  /**
   * When a job held back for a spent rate budget may run next, or undefined when none waits: the runner
   * sleeps until then, and tests move their fake clock there.
   */
  nextPacedRunAt(): number | undefined {
    const now = this.options.clock.now();
    const kindsRoomAt = nextRoomForDueKinds(this.options.db, this.pacing, this.ledger, now);
    const held = this.heldUntil !== undefined && this.heldUntil > now ? this.heldUntil : undefined;
    const times = [kindsRoomAt, held].filter((at) => at !== undefined);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  private arm(): void {
    if (!this.started) return;
    const now = this.options.clock.now();
    const times = [nextJobDueAfter(this.options.db, now), this.nextPacedRunAt()].filter((at) => at !== undefined);
    const next = times.length === 0 ? undefined : Math.min(...times);
    const wait = this.claimMetBusyDatabase
      ? DATABASE_BUSY_RETRY_MS
      : next === undefined
        ? this.pollMs
        : Math.min(Math.max(0, next - now), this.pollMs);
    this.timer = setTimeout(() => this.wake(), wait);
    this.timer.unref?.();
  }

  /** Due jobs, leased to this runner; none while another process holds the write lock (the loop looks again soon). */
  private claim(limit: number): JobRow[] {
    const { db, clock, leaseMs, log } = this.options;
    this.lastLook = clock.now();
    if (limit <= 0) return [];
    try {
      const round = inTransaction(db, (tx) =>
        claimPacedJobs(tx, {
          now: clock.now(),
          limit,
          leaseMs,
          owner: this.owner,
          busyCases: this.busyCases,
          pacing: this.pacing,
          ledger: this.ledger,
        }),
      );
      this.heldUntil = round.heldUntil;
      this.claimMetBusyDatabase = false;
      return round.claimed;
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      log.warn({ retryInMs: DATABASE_BUSY_RETRY_MS }, "database busy; will look for due jobs again");
      this.claimMetBusyDatabase = true;
      return [];
    }
  }

  private async runOne(job: JobRow): Promise<void> {
    // Logs name a case by its human id (`caseId`); the runner knows only the row, so it logs `caseRowId`.
    const context = { jobId: job.id, jobKind: job.kind, caseRowId: job.caseId, attempt: job.attempts };
    const outcome = await this.runHandler(job, context);
    await this.recordOutcome(outcome, context);
  }

  /** Runs the job's handler and says what to write about it; a handler's failure is an outcome, not a throw. */
  private async runHandler(job: JobRow, context: Record<string, unknown>): Promise<JobOutcome> {
    const { clock, log, handlers } = this.options;
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const deferral = await handler(job.payload, job);
      if (deferral) {
        log.debug({ ...context, deferUntil: deferral.deferUntil }, "job deferred");
        return { write: (tx) => deferJob(tx, job.id, deferral.deferUntil) };
      }
      log.debug(context, "job done");
      return { write: (tx) => completeJob(tx, job.id, clock.now()) };
    } catch (error) {
      return this.failureOutcome(job, classifyFailure(error), context);
    }
  }

  private failureOutcome(job: JobRow, failure: FailureClass, context: Record<string, unknown>): JobOutcome {
    const { clock, log } = this.options;
    const now = clock.now();
    switch (failure.kind) {
      case "rate_limited": {
        log.warn({ ...context, retryAfterMs: failure.retryAfterMs }, "rate limited; waiting as asked");
        const retry = { runAt: now + failure.retryAfterMs, error: failure.detail, countAttempt: false };
        return { write: (tx) => retryJobLater(tx, job.id, retry) };
      }
      case "database_busy": {
        // Its transaction rolled back whole: the job runs again shortly, and the wait costs it no attempt.
        log.warn({ ...context, retryInMs: DATABASE_BUSY_RETRY_MS }, "database busy; job put back");
        const retry = { runAt: now + DATABASE_BUSY_RETRY_MS, error: failure.detail, countAttempt: false };
        return { write: (tx) => retryJobLater(tx, job.id, retry) };
      }
      case "transient":
        if (job.attempts < job.maxAttempts) {
          const runAt = now + backoffMs(job.attempts);
          log.warn({ ...context, error: failure.detail, retryAt: runAt }, "job failed; will retry");
          return { write: (tx) => retryJobLater(tx, job.id, { runAt, error: failure.detail, countAttempt: true }) };
        }
        break;
      case "permanent":
        break;
    }
    log.error({ ...context, error: failure.detail }, "job failed for good");
    return {
      write: (tx) => failJob(tx, job.id, failure.detail, now),
      afterWrite: () => this.options.onGiveUp?.(job, failure.detail),
    };
  }

  /**
   * Writes what became of a job. While another process holds the write lock this waits off the event loop
   * and writes again; past the job's lease it stops, and the job runs again once the lease ends.
   */
  private async recordOutcome(outcome: JobOutcome, context: Record<string, unknown>): Promise<void> {
    const { db, leaseMs, log } = this.options;
    for (let waited = 0; ; waited += DATABASE_BUSY_RETRY_MS) {
      try {
        inTransaction(db, outcome.write);
        outcome.afterWrite?.();
        return;
      } catch (error) {
        if (!isDatabaseBusy(error)) throw error;
        if (waited >= leaseMs) {
          log.error({ ...context, waitedMs: waited }, "database busy past the job's lease; it will run again");
          return;
        }
        await delay(DATABASE_BUSY_RETRY_MS);
      }
    }
  }
}
