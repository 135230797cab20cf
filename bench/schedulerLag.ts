/**
 * Scheduler lag (job due → handler started) with a deep queue: the real Scheduler on a migrated SQLite file
 * and the system clock, `pending` jobs kept ahead of now throughout. Timed jobs fall due one after another
 * at pending / window per second; once per tick the feeder also enqueues a job due now and wakes the
 * scheduler, as flows do after writing a Slack side effect.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import type { JobRow } from "../db/schema.ts";
import { systemClock } from "../src/clock.ts";
import { createLogger } from "../src/log.ts";
import { Scheduler } from "../src/scheduler/scheduler.ts";
import { type DatabaseHandle, type Executor, inTransaction, openDatabase } from "../src/store/database.ts";
import { enqueueJob } from "../src/store/jobs.ts";
import { type LatencySummary, summarize } from "./stats.ts";

export interface SchedulerLagOptions {
  /** Jobs kept pending and not yet due during the whole run. */
  pending: number;
  /** Their run_at is spread over this many seconds ahead of now. */
  windowSeconds: number;
  seconds: number;
}

export interface SchedulerLagResult {
  all: LatencySummary;
  /** Jobs that fell due at their run_at while the queue was deep. */
  timed: LatencySummary;
  /** Jobs enqueued due now, followed by wake(). */
  dueNow: LatencySummary;
  ranPerSecond: number;
  dueRatePerSecond: number;
  /** Pending jobs not yet started, lowest and highest seen at each feeder tick. */
  depth: { min: number; max: number };
  /** Jobs due and not done when the load stopped. */
  dueAtStop: number;
  /** Jobs that fell due while the first ones were written, before start(); not in the lags. */
  dueBeforeStart: number;
  benchLoopDelay: { p99Ms: number; maxMs: number };
}

const JOB_KIND = "bench.lag";
// The default JOB_LEASE_SECONDS.
const LEASE_MS = 60_000;
const TICK_MS = 100;
const SEED_LEAD_MS = 5_000;

type LagPayload = { dueNow: boolean };

export async function measureSchedulerLag(options: SchedulerLagOptions): Promise<SchedulerLagResult> {
  const dir = mkdtempSync(join(tmpdir(), "incident-desk-scheduler-"));
  const database = openDatabase(join(dir, "scheduler.sqlite"));
  try {
    return await runLoad(database, options);
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runLoad(database: DatabaseHandle, options: SchedulerLagOptions): Promise<SchedulerLagResult> {
  const { db } = database;
  const spacingMs = (options.windowSeconds * 1000) / options.pending;
  const timed: number[] = [];
  const dueNow: number[] = [];
  let enqueued = 0;
  let started = 0;
  let dueBeforeStart = 0;
  let startedAt = Number.POSITIVE_INFINITY;
  // Writing the first `pending` jobs takes a while; the lead keeps them from falling due meanwhile.
  const firstDueAt = systemClock.now() + SEED_LEAD_MS;
  let nextRunAt = firstDueAt;

  const enqueue = (tx: Executor, runAt: number, payload: LagPayload) => {
    const key = `bench-lag-${enqueued}`;
    if (!enqueueJob(tx, { kind: JOB_KIND, payload, key, runAt }, systemClock.now()))
      throw new Error(`bench: job ${key} was not written`);
    enqueued++;
  };
  // Timed jobs continue one sequence, so exactly `pending` of them lie within the window ahead of now.
  const topUp = (now: number) =>
    inTransaction(db, (tx) => {
      for (; nextRunAt <= now + options.windowSeconds * 1000; nextRunAt += spacingMs)
        enqueue(tx, Math.round(nextRunAt), { dueNow: false });
    });

  const scheduler = new Scheduler({
    db,
    clock: systemClock,
    log: createLogger("silent"),
    leaseMs: LEASE_MS,
    handlers: {
      [JOB_KIND]: async (payload: unknown, job: JobRow) => {
        const now = systemClock.now();
        started++;
        // A job that fell due before start() measures the seeding, not the scheduler.
        if (job.runAt < startedAt) dueBeforeStart++;
        else ((payload as LagPayload).dueNow ? dueNow : timed).push(now - job.runAt);
        // A real handler awaits Slack; without one turn of the event loop the scheduler would never yield.
        await new Promise((resolve) => setImmediate(resolve));
      },
    },
  });

  topUp(firstDueAt);
  const depth = { min: Number.POSITIVE_INFINITY, max: 0 };
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  startedAt = systemClock.now();
  scheduler.start();
  await delay(firstDueAt - systemClock.now());
  const feeder = setInterval(() => {
    const now = systemClock.now();
    topUp(now);
    inTransaction(db, (tx) => enqueue(tx, now, { dueNow: true }));
    scheduler.wake();
    depth.min = Math.min(depth.min, enqueued - started);
    depth.max = Math.max(depth.max, enqueued - started);
  }, TICK_MS);
  // The scheduler sleeps until the first job falls due; the load lasts `seconds` from then.
  const loadedFrom = systemClock.now();
  await delay(options.seconds * 1000);
  clearInterval(feeder);
  const stoppedAt = systemClock.now();
  const ranBeforeStop = started;
  const countDue = database.sqlite.prepare(
    "SELECT count(*) AS n FROM jobs WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= ?",
  );
  const dueAtStop = countDue.get(stoppedAt) as { n: number };
  // Every job already due runs before the stop (which starts none), so their lags are counted too.
  while ((countDue.get(stoppedAt) as { n: number }).n > 0) await delay(50);
  await scheduler.stop(60_000);
  loopDelay.disable();

  return {
    all: summarize([...timed, ...dueNow]),
    timed: summarize(timed),
    dueNow: summarize(dueNow),
    ranPerSecond: ranBeforeStop / ((stoppedAt - loadedFrom) / 1000),
    dueRatePerSecond: 1000 / spacingMs + 1000 / TICK_MS,
    depth,
    dueAtStop: dueAtStop.n,
    dueBeforeStart,
    benchLoopDelay: { p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 },
  };
}
