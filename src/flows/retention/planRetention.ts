import { redactionDueAt, shortestRetentionMs } from "../../core/retention.ts";
import { getCase, lastCaseId } from "../../store/cases.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { closedCaseIdsBetween } from "../../store/retention.ts";
import type { FlowDeps } from "../deps.ts";
import type { PayloadOf } from "../jobs/defineJob.ts";
import { enqueueRetentionWindow, type planRetentionJob } from "../jobs/planRetention.ts";
import { enqueueRedaction } from "../jobs/redactPersonalData.ts";
import { retentionFactsOf } from "./redactPersonalData.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Case ids one planner run reads; at most this many redactions queued in one short transaction. */
export const RETENTION_PLAN_WINDOW = 500;

/** At start: today's planner run (keyed by the UTC day, so restarts add nothing). */
export function startRetentionPlanning(deps: FlowDeps): void {
  if (!deps.config.retention.redact) return;
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => enqueueRetentionWindow(tx, { day: Math.floor(now / DAY_MS), afterId: 0 }, now, now));
}

/**
 * Job: queues a redaction of each case in one window of case ids whose period is over, then the next window;
 * the day's last window queues tomorrow's first. Each redaction re-checks the rule when it runs.
 */
export async function planRetention(deps: FlowDeps, window: PayloadOf<typeof planRetentionJob>): Promise<void> {
  // Turned off since it was queued: the chain of windows ends here; turning it on again starts a new one.
  if (!deps.config.retention.redact) return;
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const throughId = lastCaseId(tx);
    const windowEnd = Math.min(window.afterId + RETENTION_PLAN_WINDOW, throughId);
    const candidates = closedCaseIdsBetween(tx, {
      afterId: window.afterId,
      throughId: windowEnd,
      createdBefore: now - shortestRetentionMs(),
    });
    for (const caseId of candidates) planRedaction(tx, caseId, `day${window.day}`, now);
    if (windowEnd < throughId) enqueueRetentionWindow(tx, { ...window, afterId: windowEnd }, now, now);
    else {
      // After a long stop, tomorrow follows today, not the day the last run was planned for.
      const nextDay = Math.max(window.day, Math.floor(now / DAY_MS)) + 1;
      enqueueRetentionWindow(tx, { day: nextDay, afterId: 0 }, nextDay * DAY_MS, now);
    }
  });
  deps.wakeScheduler();
}

/** Queues the case's redaction for when it falls due, if it can be (closed, unheld, unredacted) and is due today. */
export function planRedaction(tx: Executor, caseId: number, occasion: string, now: number): void {
  const record = getCase(tx, caseId);
  const dueAt = record ? redactionDueAt(retentionFactsOf(tx, record)) : null;
  // Later due dates wait for a later day's planner, so the jobs table holds no years-ahead rows.
  if (dueAt !== null && dueAt <= now + DAY_MS) enqueueRedaction(tx, caseId, occasion, Math.max(dueAt, now), now);
}
