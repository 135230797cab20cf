import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { type Executor, inTransaction } from "../../store/database.ts";
import { decisionSourcesLackingTexts, lastDecisionId } from "../../store/decisionExportTexts.ts";
import type { FlowDeps } from "../deps.ts";
import type { PayloadOf } from "../jobs/defineJob.ts";
import { enqueueDecisionTextsWindow, type storeDecisionTextsJob } from "../jobs/storeDecisionTexts.ts";
import { rendererFingerprint, storeRenderedDecisions } from "./decisionTexts.ts";

/** Decision ids one run covers, then it queues the next window. */
export const DECISION_TEXTS_WINDOW = 100;
/**
 * Decision ids read, rendered and stored in one transaction, the event loop given back between them: each needs its
 * case and proposal, which on a cold page cache are reads from disk (a whole window held the loop tens of ms).
 */
export const DECISION_TEXTS_STEP = 10;

/**
 * At start: the pass that stores the current renderer's texts of every decision, once per renderer (its key holds
 * the fingerprint, so restarts add nothing and an upgrade that changes the texts starts a new pass).
 */
export function startDecisionTextsPass(deps: FlowDeps): void {
  // Rendered before the write lock is taken: the fingerprint's samples are the one slow part.
  const renderer = rendererFingerprint();
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => enqueueDecisionTextsWindow(tx, 0, renderer, now));
}

/**
 * Renders and stores the texts of the decisions with ids in (afterId, throughId] that have none from `renderer`, in
 * the caller's transaction; returns how many it wrote.
 */
export function storeMissingDecisionTexts(
  tx: Executor,
  window: { afterId: number; throughId: number; renderer: string },
): number {
  const stale = decisionSourcesLackingTexts(tx, window);
  storeRenderedDecisions(tx, stale);
  return stale.length;
}

/**
 * Job: renders and stores the texts of the decisions in one window of ids that have none from the current
 * renderer, a step at a time, then queues the next window while decisions remain. Decisions recorded meanwhile
 * store their own; a run cut short is run again and skips the steps already stored.
 */
export async function storeDecisionTextsWindow(
  deps: FlowDeps,
  { afterId }: PayloadOf<typeof storeDecisionTextsJob>,
): Promise<void> {
  const renderer = rendererFingerprint();
  const throughId = afterId + DECISION_TEXTS_WINDOW;
  for (let from = afterId; from < throughId; from += DECISION_TEXTS_STEP) {
    if (from > afterId) await yieldToEventLoop();
    const step = { afterId: from, throughId: Math.min(from + DECISION_TEXTS_STEP, throughId), renderer };
    inTransaction(deps.db, (tx) => storeMissingDecisionTexts(tx, step));
  }
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    if (throughId < lastDecisionId(tx)) enqueueDecisionTextsWindow(tx, throughId, renderer, now);
  });
}
