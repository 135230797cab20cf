/** Runs due jobs the way the scheduler would, waiting out Slack's rate limits on the fake clock. */
import { and, isNull } from "drizzle-orm";
import { jobs } from "../../db/schema.ts";
import type { Scheduler } from "../../src/scheduler/scheduler.ts";
import { isRateLimitWait } from "../../src/scheduler/slackFailure.ts";
import type { Db } from "../../src/store/database.ts";
import type { FakeClock } from "./fakeClock.ts";

/** Longest fake time one settle may spend waiting out 429s before it calls the bot stuck. */
export const MAX_RATE_LIMIT_WAIT_MS = 5 * 60_000;

/** When the next job deferred by a 429 (not by a plan: pages, reminders) is due, if any. */
function nextRateLimitedJobAt(db: Db): number | undefined {
  const waiting = db
    .select({ runAt: jobs.runAt, lastError: jobs.lastError })
    .from(jobs)
    .where(and(isNull(jobs.doneAt), isNull(jobs.failedAt)))
    .all()
    .filter((job) => isRateLimitWait(job.lastError));
  return waiting.length === 0 ? undefined : Math.min(...waiting.map((job) => job.runAt));
}

/**
 * When the next job waiting on Slack's rate limits may run: held back by the runner's pacing, or after a 429.
 * A 429's wait that is over but whose job the runner still holds back for its budget waits for the budget.
 */
function nextRateWaitOver(scheduler: Scheduler, db: Db, now: number): number | undefined {
  const paced = scheduler.nextPacedRunAt();
  const limited = nextRateLimitedJobAt(db);
  if (paced !== undefined && (limited === undefined || limited <= now)) return paced;
  return paced === undefined ? limited : Math.min(paced, limited ?? paced);
}

/**
 * Runs every job due now; while a job waits for Slack's rate limits (held back by the runner's pacing, or
 * out a Retry-After), moves the clock there and runs again, as production would sleep. Fails loudly past
 * `MAX_RATE_LIMIT_WAIT_MS` of waiting.
 */
export async function settle(scheduler: Scheduler, db: Db, clock: FakeClock): Promise<number> {
  const giveUpAt = clock.now() + MAX_RATE_LIMIT_WAIT_MS;
  let ran = await scheduler.runUntilIdle();
  const nextWait = () => nextRateWaitOver(scheduler, db, clock.now());
  for (let next = nextWait(); next !== undefined; next = nextWait()) {
    if (next > giveUpAt) {
      throw new Error(`settle: jobs still rate-limited after ${MAX_RATE_LIMIT_WAIT_MS / 1000}s of fake time`);
    }
    const waited = next > clock.now();
    if (waited) clock.set(next);
    const more = await scheduler.runUntilIdle();
    if (!waited && more === 0) throw new Error("settle: a rate-limited job is due but could not be claimed");
    ran += more;
  }
  return ran;
}
