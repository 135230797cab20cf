import { eq } from "drizzle-orm";
import { jobs } from "../../db/schema.ts";
import { enqueueDecisionTextsWindow, storeDecisionTextsJob } from "../../src/flows/jobs/storeDecisionTexts.ts";
import { enqueueSweepWindow, sweepSlaClocksJob } from "../../src/flows/jobs/sweepSlaClocks.ts";
import { lastCaseId } from "../../src/store/cases.ts";
import { type Db, type Executor, inTransaction } from "../../src/store/database.ts";
import { completeJob } from "../../src/store/jobs.ts";

/** Marks done the job queued under `key` (by the enqueue just made): a later enqueue of the same key does nothing. */
function completeQueued(tx: Executor, key: string, now: number): void {
  const job = tx.select({ id: jobs.id }).from(jobs).where(eq(jobs.idempotencyKey, key)).get();
  if (job) completeJob(tx, job.id, now);
}

/** The statements.store_texts pass of `renderer` recorded as through, as the bot's pass leaves it. */
export function recordDecisionTextsPassDone(db: Db, renderer: string, now: number): void {
  inTransaction(db, (tx) => {
    if (enqueueDecisionTextsWindow(tx, 0, renderer, now))
      completeQueued(tx, storeDecisionTextsJob.key({ afterId: 0 }, renderer), now);
  });
}

/**
 * The start-up SLA sweep (startSlaWatch: one ever per database) recorded as through. The builder gives every open
 * case the watch row and pending check the sweep would have queued, so a bot started on the file is a bot restarted
 * years after its first start, not one walking a million case ids at its first.
 */
export function recordStartupSlaSweepDone(db: Db, now: number): void {
  inTransaction(db, (tx) => {
    const window = { occasion: "startup", afterId: 0, throughId: lastCaseId(tx) };
    if (enqueueSweepWindow(tx, window, now)) completeQueued(tx, sweepSlaClocksJob.key(window), now);
  });
}
