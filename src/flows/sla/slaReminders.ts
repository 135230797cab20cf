import type { CaseRow } from "../../../db/schema.ts";
import type { BusinessCalendar } from "../../core/businessHours.ts";
import { isOpenStatus } from "../../core/lifecycle.ts";
import {
  AT_RISK_THRESHOLD,
  nextReminder,
  reachedThreshold,
  type SlaClockState,
  thresholdReachedAt,
} from "../../core/slaClock.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { lastCaseId, openCaseIdsBetween } from "../../store/cases.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { latestEventSeq } from "../../store/events.ts";
import { forgetSlaWatch, saveSlaWatch } from "../../store/slaWatch.ts";
import { loadJobCase } from "../cases/loadJobCase.ts";
import type { FlowDeps } from "../deps.ts";
import type { checkSlaClocksJob } from "../jobs/checkSlaClocks.ts";
import { enqueueSlaCheck } from "../jobs/checkSlaClocks.ts";
import type { PayloadOf } from "../jobs/defineJob.ts";
import { enqueueSlaReminder } from "../jobs/remindSla.ts";
import { enqueueSweepWindow, type sweepSlaClocksJob } from "../jobs/sweepSlaClocks.ts";
import { slaClocksOfCase } from "./slaStatus.ts";

/** Case ids one sweep run reads; at most this many checks queued in one short transaction. */
export const SLA_SWEEP_WINDOW = 500;

/**
 * Called in the transaction of every change to a case (and by openCase): queues a check of its clocks
 * right away, since the change may have started, paused, resumed or fulfilled one. The timeline seq
 * in the key makes one check per change, even for two changes in the same millisecond.
 */
export function watchSlaClocks(tx: Executor, record: CaseRow, now: number, version?: number): void {
  // Forgotten in the closing transaction itself, so App Home never walks the watches of finished cases.
  if (!isOpenStatus(record.status)) forgetSlaWatch(tx, record.id);
  const seq = version ?? latestEventSeq(tx, record.id);
  enqueueSlaCheck(tx, record.id, `v${seq}`, now, now);
}

/**
 * A change to the business calendar moves the thresholds of every business-hours clock: each open case
 * is checked again by a sweep, and the check plans its next reminder on the calendar as it then is.
 */
export function recheckAllSlaClocks(tx: Executor, now: number): void {
  startSweep(tx, `calendar:${now}`, now);
}

/**
 * At start: one sweep ever under this key checks every open case once, so a case opened before SLA clocks
 * (or App Home's risk list) existed is watched too. Start itself only queues it: no scan of the cases.
 */
export function startSlaWatch(deps: FlowDeps): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => startSweep(tx, "startup", now));
}

/** Cases that open after the sweep is queued need none: openCase queues their first check. */
function startSweep(tx: Executor, occasion: string, now: number): void {
  enqueueSweepWindow(tx, { occasion, afterId: 0, throughId: lastCaseId(tx) }, now);
}

/**
 * Job: queues a check of each open case in one window of case ids, then the next window. A window of the
 * primary key bounds each run, however few open cases lie among ten years of closed ones.
 */
export async function sweepSlaClocks(deps: FlowDeps, window: PayloadOf<typeof sweepSlaClocksJob>): Promise<void> {
  const now = deps.clock.now();
  const windowEnd = Math.min(window.afterId + SLA_SWEEP_WINDOW, window.throughId);
  inTransaction(deps.db, (tx) => {
    for (const caseId of openCaseIdsBetween(tx, window.afterId, windowEnd)) {
      enqueueSlaCheck(tx, caseId, window.occasion, now, now);
    }
    if (windowEnd < window.throughId) enqueueSweepWindow(tx, { ...window, afterId: windowEnd }, now);
  });
  deps.wakeScheduler();
}

/**
 * Job: reads the case's clocks as they are now, queues the reminder for the highest threshold each
 * running clock has reached (lower ones it missed while the bot was down would only be noise), and
 * queues the next check for the earliest threshold still ahead. A paused or fulfilled clock plans
 * nothing: the change that resumes it queues a fresh check.
 */
export async function checkSlaClocks(deps: FlowDeps, payload: PayloadOf<typeof checkSlaClocksJob>): Promise<void> {
  const now = deps.clock.now();
  const queued = inTransaction(deps.db, (tx) => {
    const record = loadJobCase(tx, payload);
    if (!isOpenStatus(record.status)) return false;
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    const clocks = slaClocksOfCase(tx, record, calendar, now);
    for (const clock of clocks) {
      const threshold = reachedThreshold(clock);
      if (threshold !== undefined) enqueueSlaReminder(tx, record, clock, threshold, now);
    }
    saveSlaWatch(tx, { caseId: record.id, ...watchOf(clocks, calendar, now), checkedAt: now });
    const upcoming = clocks.flatMap((c) => nextReminder(c, calendar, now)?.at ?? []);
    if (upcoming.length > 0) {
      const runAt = Math.min(...upcoming);
      enqueueSlaCheck(tx, record.id, String(runAt), runAt, now);
    }
    return true;
  });
  if (queued) deps.wakeScheduler();
}

/**
 * What App Home reads of the case until the next check: when its first running clock reaches 90 % (now,
 * if one has) and when that clock is due. Every change that can move a clock queues a check.
 */
function watchOf(
  clocks: readonly SlaClockState[],
  calendar: BusinessCalendar,
  now: number,
): { riskAt: number | null; dueAt: number | null } {
  let first: { riskAt: number; dueAt: number } | undefined;
  for (const clock of clocks) {
    const riskAt = thresholdReachedAt(clock, calendar, now, AT_RISK_THRESHOLD);
    if (riskAt === undefined || clock.dueAt === null) continue;
    if (!first || riskAt < first.riskAt || (riskAt === first.riskAt && clock.dueAt < first.dueAt)) {
      first = { riskAt, dueAt: clock.dueAt };
    }
  }
  return first ?? { riskAt: null, dueAt: null };
}
