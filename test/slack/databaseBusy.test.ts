import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_BUSY_TEXT } from "../../src/slack/errors.ts";
import { INTAKE_BLOCK } from "../../src/slack/ids.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { caseRows, intakeValues, openIntakeModal, submitIntake } from "../support/intake.ts";
import { holdWriteLock, type LockHolder } from "../support/lockHolder.ts";

// Far above the 20 ms busy timeout and far below the 5 s one it replaced: a stall, not a wait.
const PROMPT_REPLY_MS = 1000;

/** Jobs due now and not done (planned ones, such as reminders, are not due yet). */
const dueJobs = (h: Harness) =>
  h.desk.database.sqlite
    .prepare("SELECT kind, attempts, failed_at FROM jobs WHERE done_at IS NULL AND run_at <= ? ORDER BY id")
    .all(h.clock.now()) as Array<{ kind: string; attempts: number; failed_at: number | null }>;

describe("while another process holds the database's write lock", () => {
  let h: Harness;
  let lock: LockHolder | undefined;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await lock?.release();
    lock = undefined;
    await h.close();
  });

  it("keeps answering /healthz and opening the intake form", async () => {
    lock = await holdWriteLock(h.config.db.path);
    const started = performance.now();
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    await openIntakeModal(h);
    expect(performance.now() - started).toBeLessThan(PROMPT_REPLY_MS);
  });

  it("answers an intake submission at once that the record is busy, saves nothing, and saves it once resubmitted after the lock is gone", async () => {
    const viewId = await openIntakeModal(h);
    const jobsBefore = dueJobs(h);
    lock = await holdWriteLock(h.config.db.path);
    const started = performance.now();
    const busy = await h.driver.submitView({ viewId, userId: USERS.specialist, values: intakeValues() });
    expect(performance.now() - started).toBeLessThan(PROMPT_REPLY_MS);
    expect(busy.status).toBe(200);
    expect(busy.body).toEqual({ response_action: "errors", errors: { [INTAKE_BLOCK.title]: DATABASE_BUSY_TEXT } });
    expect(caseRows(h)).toHaveLength(0);
    expect(dueJobs(h)).toEqual(jobsBefore);

    await lock.release();
    lock = undefined;
    const saved = await h.driver.submitView({ viewId, userId: USERS.specialist, values: intakeValues() });
    expect(saved.body).toMatchObject({ response_action: "update", view: { title: { text: "Case opened" } } });
    expect(caseRows(h)).toHaveLength(1);
  });

  it("refuses a replay of a request first accepted while the lock was held, once the lock is gone", async () => {
    lock = await holdWriteLock(h.config.db.path);
    const body = new URLSearchParams({
      command: "/incident",
      text: "help",
      user_id: USERS.specialist,
      channel_id: h.triageChannelId,
      team_id: h.fake.teamId,
      trigger_id: "1.2.3",
      response_url: `${h.fake.url}respond`,
    }).toString();
    const timestamp = Math.floor(h.clock.now() / 1000);
    expect((await h.driver.raw({ body, timestamp })).status).toBe(200);
    await lock.release();
    lock = undefined;
    expect((await h.driver.raw({ body, timestamp })).status).toBe(401);
  });

  it("leaves due jobs waiting, spending no attempt, and runs them all once the lock is gone", async () => {
    const { body } = await submitIntake(h, intakeValues());
    expect(body).toMatchObject({ response_action: "update" });
    const queued = dueJobs(h);
    expect(queued.length).toBeGreaterThan(0);

    lock = await holdWriteLock(h.config.db.path);
    const started = performance.now();
    expect(await h.settle()).toBe(0);
    expect(performance.now() - started).toBeLessThan(PROMPT_REPLY_MS);
    expect(h.fake.messages(h.triageChannelId)).toHaveLength(0);
    expect(dueJobs(h)).toEqual(queued);

    await lock.release();
    lock = undefined;
    expect(await h.settle()).toBeGreaterThanOrEqual(queued.length);
    expect(dueJobs(h)).toEqual([]);
    expect(h.fake.messages(h.triageChannelId)).toHaveLength(1);
  });
});
