import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob } from "./defineJob.ts";

const kind = "statements.store_texts";

/**
 * Writes the export texts of decisions that have none from the current renderer, one window of decision ids per run
 * (afterId, afterId + window]; each run queues the next until the newest decision. Keyed by the renderer's
 * fingerprint: one pass after the upgrade that added the texts, and one after each change to what they say.
 */
export const storeDecisionTextsJob = defineJob({
  kind,
  payload: z.object({ afterId: z.number().int().nonnegative() }),
  key: ({ afterId }, renderer: string) => `${kind}:${renderer}:${afterId}`,
});

export const enqueueDecisionTextsWindow = (tx: Executor, afterId: number, renderer: string, now: number) =>
  storeDecisionTextsJob.enqueue(tx, { payload: { afterId }, runAt: now }, now, renderer);
