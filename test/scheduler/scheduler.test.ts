import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobRow } from "../../db/schema.ts";
import { createLogger } from "../../src/log.ts";
import { type JobHandler, Scheduler } from "../../src/scheduler/scheduler.ts";
import { backoffMs, DATABASE_BUSY_RETRY_MS } from "../../src/scheduler/slackFailure.ts";
import { type DatabaseHandle, inTransaction, openDatabase } from "../../src/store/database.ts";
import { dueJobsInClaimOrder, enqueueJob, leaseJob } from "../../src/store/jobs.ts";
import { FakeClock } from "../support/fakeClock.ts";
import { holdWriteLock } from "../support/lockHolder.ts";

const LEASE_MS = 30_000;

function slackError(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(code), extra);
}

describe("the durable job runner", () => {
  let dir: string;
  let database: DatabaseHandle;
  let clock: FakeClock;
  let runs: string[];
  let gaveUp: Array<{ job: JobRow; error: string }>;

  const scheduler = (handlers: Record<string, JobHandler>) =>
    new Scheduler({
      db: database.db,
      clock,
      log: createLogger("silent"),
      handlers,
      leaseMs: LEASE_MS,
      onGiveUp: (job, error) => gaveUp.push({ job, error }),
    });
  const enqueue = (key: string, kind = "test.record") =>
    inTransaction(database.db, (tx) =>
      enqueueJob(tx, { kind, payload: { key }, key, runAt: clock.now() }, clock.now()),
    );
  const job = (key: string) =>
    database.sqlite.prepare("SELECT * FROM jobs WHERE idempotency_key = ?").get(key) as Record<string, unknown>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "scheduler-"));
    database = openDatabase(join(dir, "jobs.sqlite"));
    clock = new FakeClock();
    runs = [];
    gaveUp = [];
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the first job when the same idempotency key is enqueued twice", async () => {
    expect(enqueue("a")).toBe(true);
    expect(enqueue("a")).toBe(false);
    await scheduler({ "test.record": async (p) => void runs.push((p as { key: string }).key) }).runUntilIdle();
    expect(runs).toEqual(["a"]);
  });

  it("runs a job again when its handler defers it, spending no attempt and recording no error", async () => {
    enqueue("d");
    const start = clock.now();
    let calls = 0;
    const s = scheduler({
      "test.record": async () => {
        calls++;
        return calls === 1 ? { deferUntil: start + 60_000 } : undefined;
      },
    });
    await s.runUntilIdle();
    expect(job("d")).toMatchObject({ run_at: start + 60_000, attempts: 0, done_at: null, last_error: null });
    clock.advance(59_999);
    await s.runUntilIdle();
    expect(calls).toBe(1);
    clock.advance(1);
    await s.runUntilIdle();
    expect(calls).toBe(2);
    expect(job("d")).toMatchObject({ attempts: 1, failed_at: null, done_at: clock.now() });
    expect(gaveUp).toEqual([]);
  });

  it("waits exactly the Retry-After Slack sent, without spending an attempt", async () => {
    enqueue("r");
    let calls = 0;
    const s = scheduler({
      "test.record": async () => {
        calls++;
        if (calls === 1) throw slackError("limited", { code: "slack_webapi_rate_limited_error", retryAfter: 7 });
      },
    });
    await s.runUntilIdle();
    expect(calls).toBe(1);
    clock.advance(6_999);
    await s.runUntilIdle();
    expect(calls).toBe(1);
    clock.advance(1);
    await s.runUntilIdle();
    expect(calls).toBe(2);
    expect(job("r")).toMatchObject({ attempts: 1, failed_at: null });
    expect(job("r").done_at).toBe(clock.now());
  });

  it("backs off on HTTP 5xx and network errors, then succeeds", async () => {
    enqueue("b");
    const failures = [
      slackError("500", { code: "slack_webapi_http_error", statusCode: 500 }),
      slackError("net", { code: "slack_webapi_request_error" }),
    ];
    const s = scheduler({
      "test.record": async () => {
        const next = failures.shift();
        if (next) throw next;
      },
    });
    await s.runUntilIdle();
    expect(job("b").run_at).toBe(clock.now() + backoffMs(1));
    clock.advance(backoffMs(1));
    await s.runUntilIdle();
    expect(job("b").last_error).toBe("network error");
    clock.advance(backoffMs(2));
    await s.runUntilIdle();
    expect(job("b")).toMatchObject({ attempts: 3, done_at: clock.now() });
  });

  it("gives up at once on a permanent Slack error and reports it", async () => {
    enqueue("p");
    await scheduler({
      "test.record": async () => {
        throw slackError("x", { code: "slack_webapi_platform_error", data: { error: "channel_not_found" } });
      },
    }).runUntilIdle();
    expect(job("p")).toMatchObject({ failed_at: clock.now(), last_error: "channel_not_found" });
    expect(gaveUp.map((g) => g.error)).toEqual(["channel_not_found"]);
  });

  it("gives up on a transient error once attempts run out", async () => {
    inTransaction(database.db, (tx) =>
      enqueueJob(tx, { kind: "test.record", payload: {}, key: "t", runAt: clock.now(), maxAttempts: 2 }, clock.now()),
    );
    const s = scheduler({
      "test.record": async () => {
        throw slackError("x", { code: "slack_webapi_http_error", statusCode: 503 });
      },
    });
    await s.runUntilIdle();
    clock.advance(backoffMs(1));
    await s.runUntilIdle();
    expect(job("t")).toMatchObject({ attempts: 2, failed_at: clock.now(), last_error: "HTTP 503" });
    expect(gaveUp).toHaveLength(1);
  });

  it("lets another worker take a job whose lease ran out (a crashed worker)", async () => {
    enqueue("c");
    const crashed = inTransaction(database.db, (tx) =>
      dueJobsInClaimOrder(tx, { now: clock.now(), limit: 10, skipKinds: [], skipCases: [] }).map(({ id }) =>
        leaseJob(tx, id, { now: clock.now(), leaseMs: LEASE_MS, owner: "crashed-worker" }),
      ),
    );
    expect(crashed).toHaveLength(1);
    const s = scheduler({ "test.record": async () => void runs.push("ran") });
    await s.runUntilIdle();
    expect(runs).toEqual([]);
    clock.advance(LEASE_MS);
    await s.runUntilIdle();
    expect(runs).toEqual(["ran"]);
    expect(job("c")).toMatchObject({ attempts: 2, leased_by: null });
  });

  it("does not run a job before its time", async () => {
    inTransaction(database.db, (tx) =>
      enqueueJob(tx, { kind: "test.record", payload: {}, key: "later", runAt: clock.now() + 60_000 }, clock.now()),
    );
    const s = scheduler({ "test.record": async () => void runs.push("later") });
    expect(await s.runUntilIdle()).toBe(0);
    clock.advance(60_000);
    expect(await s.runUntilIdle()).toBe(1);
  });

  it("survives a handler that throws something unexpected, and retries it", async () => {
    enqueue("u");
    let first = true;
    const s = scheduler({
      "test.record": async () => {
        if (first) {
          first = false;
          throw new TypeError("bug");
        }
      },
    });
    await s.runUntilIdle();
    expect(job("u").last_error).toBe("TypeError: bug");
    clock.advance(backoffMs(1));
    await s.runUntilIdle();
    expect(job("u").done_at).toBe(clock.now());
  });

  it("puts back a job whose transaction met another process's write lock, spending no attempt, and runs it again", async () => {
    enqueue("busy");
    let calls = 0;
    const s = scheduler({
      "test.record": async () => {
        calls++;
        if (calls === 1) {
          const lock = await holdWriteLock(join(dir, "jobs.sqlite"));
          // Let go while the runner is still waiting to record the put-back: that write must wait, not fail.
          setTimeout(() => void lock.release(), 2 * DATABASE_BUSY_RETRY_MS);
        }
        inTransaction(database.db, (tx) =>
          enqueueJob(tx, { kind: "test.later", payload: {}, key: "written", runAt: clock.now() + 60_000 }, clock.now()),
        );
      },
    });
    await s.runUntilIdle();
    expect(job("busy")).toMatchObject({
      attempts: 0,
      done_at: null,
      failed_at: null,
      run_at: clock.now() + DATABASE_BUSY_RETRY_MS,
    });
    expect(job("written")).toBeUndefined();

    clock.advance(DATABASE_BUSY_RETRY_MS);
    await s.runUntilIdle();
    expect(calls).toBe(2);
    expect(job("busy")).toMatchObject({ attempts: 1, failed_at: null, done_at: clock.now() });
    expect(job("written")).toBeDefined();
    expect(gaveUp).toEqual([]);
  });
});
