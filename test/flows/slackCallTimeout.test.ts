import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

// A 2 s lease gives job calls a 1 s timeout (half the lease), so a stalled Slack shows within the test.
const LEASE_SECONDS = 2;
const STALL_MS = 2_500;

describe("a Slack call that hangs", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ env: { JOB_LEASE_SECONDS: String(LEASE_SECONDS) } });
  });
  afterEach(() => h.close());

  const triagePostJob = () =>
    h.desk.database.sqlite
      .prepare("SELECT attempts, last_error, done_at, failed_at FROM jobs WHERE kind = 'triage.announce'")
      .get() as { attempts: number; last_error: string | null; done_at: number | null; failed_at: number | null };

  it("is given up within half the job's lease, and the job retries it instead of holding its worker", async () => {
    h.fake.inject("chat.postMessage", { delayMs: STALL_MS });
    await submitIntake(h, intakeValues());
    const started = performance.now();
    await h.settle();
    expect(performance.now() - started).toBeLessThan(STALL_MS);
    const afterStall = triagePostJob();
    expect(afterStall).toMatchObject({ attempts: 1, done_at: null, failed_at: null });
    expect(afterStall.last_error).toBe("timed out");

    // The stalled request finishes on Slack's side too; the retry must still leave a post in triage.
    await new Promise((r) => setTimeout(r, STALL_MS));
    h.clock.advance(60_000);
    await h.settle();
    expect(triagePostJob().done_at).not.toBeNull();
    expect(h.fake.messages(h.triageChannelId).length).toBeGreaterThanOrEqual(1);
  });
});
