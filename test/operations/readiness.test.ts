import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AUTH_RECHECK_MS, type ReadinessReport, SCHEDULER_STALL_MS } from "../../src/operations/readiness.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { holdWriteLock } from "../support/lockHolder.ts";

describe("/readyz", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  async function readyz(): Promise<{ status: number; report: ReadinessReport }> {
    const res = await fetch(`${h.baseUrl}/readyz`);
    return { status: res.status, report: (await res.json()) as ReadinessReport };
  }

  const states = (report: ReadinessReport) => ({
    database: report.checks.database.state,
    slackAuth: report.checks.slackAuth.state,
    scheduler: report.checks.scheduler.state,
  });

  it("answers 503 naming the job runner until it has looked for due jobs, then 200 with every check ok", async () => {
    const before = await readyz();
    expect(before.status).toBe(503);
    expect(states(before.report)).toEqual({ database: "ok", slackAuth: "ok", scheduler: "not_started" });

    await h.settle();
    const after = await readyz();
    expect(after.status).toBe(200);
    expect(after.report).toMatchObject({ ready: true });
    expect(states(after.report)).toEqual({ database: "ok", slackAuth: "ok", scheduler: "ok" });
  });

  it("turns 503 while another process holds the write lock, and 200 once it lets go", async () => {
    await h.settle();
    const lock = await holdWriteLock(h.config.db.path);
    try {
      const locked = await readyz();
      expect(locked.status).toBe(503);
      expect(states(locked.report)).toEqual({ database: "busy", slackAuth: "ok", scheduler: "ok" });
      // Liveness is not readiness: the database still answers reads.
      expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await lock.release();
    }
    expect((await readyz()).status).toBe(200);
  });

  it("turns 503 when the job runner has not looked for due jobs for over a minute, and 200 once it does", async () => {
    await h.settle();
    h.clock.advance(SCHEDULER_STALL_MS + 1);
    const stalled = await readyz();
    expect(stalled.status).toBe(503);
    expect(states(stalled.report)).toMatchObject({ database: "ok", scheduler: "stalled" });

    await h.settle();
    expect((await readyz()).status).toBe(200);
  });

  it("turns 503 when Slack refuses the token at the periodic auth.test, asking Slack at most once a period", async () => {
    await h.settle();
    const checksAtStart = h.fake.callsTo("auth.test").length;
    await readyz();
    expect(h.fake.callsTo("auth.test")).toHaveLength(checksAtStart);

    h.fake.inject("auth.test", { error: "token_revoked" });
    h.clock.advance(AUTH_RECHECK_MS);
    await h.settle();
    const revoked = await readyz();
    expect(revoked.status).toBe(503);
    expect(states(revoked.report)).toEqual({ database: "ok", slackAuth: "token_revoked", scheduler: "ok" });
    expect((await readyz()).status).toBe(503);
    expect(h.fake.callsTo("auth.test")).toHaveLength(checksAtStart + 1);

    h.clock.advance(AUTH_RECHECK_MS);
    await h.settle();
    expect((await readyz()).status).toBe(200);
    expect(h.fake.callsTo("auth.test")).toHaveLength(checksAtStart + 2);
  });
});
