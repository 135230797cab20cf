import { type Executor, inTransaction } from "../../store/database.ts";
import { decisionSourcesLackingTexts, lastDecisionId } from "../../store/decisionExportTexts.ts";
import type { FlowDeps } from "../deps.ts";
import type { PayloadOf } from "../jobs/defineJob.ts";
import { enqueueDecisionTextsWindow, type storeDecisionTextsJob } from "../jobs/storeDecisionTexts.ts";
import { rendererFingerprint, storeRenderedDecisions } from "./decisionTexts.ts";

/** Decision ids one run reads: rendering and storing this many holds the event loop about 1 ms on a warm cache. */
export const DECISION_TEXTS_WINDOW = 100;

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
 * renderer, then queues the next window while decisions remain. Decisions recorded meanwhile store their own.
 */
export async function storeDecisionTextsWindow(
  deps: FlowDeps,
  { afterId }: PayloadOf<typeof storeDecisionTextsJob>,
): Promise<void> {
  const renderer = rendererFingerprint();
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const throughId = afterId + DECISION_TEXTS_WINDOW;
    storeMissingDecisionTexts(tx, { afterId, throughId, renderer });
    if (throughId < lastDecisionId(tx)) enqueueDecisionTextsWindow(tx, throughId, renderer, now);
  });
}
