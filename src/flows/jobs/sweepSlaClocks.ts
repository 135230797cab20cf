import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob } from "./defineJob.ts";

const kind = "sla.sweep";

/**
 * Queues a check of each open case, one window of case ids per run, so no run holds the database long.
 * `occasion` names the sweep in each check's key; the window is (afterId, afterId + window], up to throughId.
 */
export const sweepSlaClocksJob = defineJob({
  kind,
  payload: z.object({
    occasion: z.string().min(1),
    afterId: z.number().int().nonnegative(),
    throughId: z.number().int().nonnegative(),
  }),
  key: ({ occasion, afterId }) => `${kind}:${occasion}:${afterId}`,
});

export type SlaSweepWindow = z.output<typeof sweepSlaClocksJob.payload>;

export const enqueueSweepWindow = (tx: Executor, window: SlaSweepWindow, now: number) =>
  sweepSlaClocksJob.enqueue(tx, { payload: { ...window }, runAt: now }, now);
