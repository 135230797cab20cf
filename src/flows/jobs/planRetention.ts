import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob } from "./defineJob.ts";

const kind = "retention.plan";

/**
 * The daily retention planner: one window of case ids per run, (afterId, afterId + window]; the last window of
 * a day queues the next day's first. `day` is whole UTC days since the epoch, so restarts add nothing.
 */
export const planRetentionJob = defineJob({
  kind,
  payload: z.object({ day: z.number().int().nonnegative(), afterId: z.number().int().nonnegative() }),
  key: ({ day, afterId }) => `${kind}:${day}:${afterId}`,
});

export type RetentionWindow = z.output<typeof planRetentionJob.payload>;

export const enqueueRetentionWindow = (tx: Executor, window: RetentionWindow, runAt: number, now: number) =>
  planRetentionJob.enqueue(tx, { payload: window, runAt }, now);
