import { randomUUID } from "node:crypto";
import type { CaseRow } from "../../../db/schema.ts";
import { instantAt, isoDateOf, localDateOf, localDayOf } from "../../core/localTime.ts";
import { weekendAndHolidayShifts } from "../../core/onCall.ts";
import type { Severity } from "../../core/severity.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { openCaseCountsBySeverity, openCasesOfSeverities } from "../../store/cases.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import type { PayloadOf } from "../jobs/defineJob.ts";
import { enqueueShiftPlanning } from "../jobs/planShiftReminders.ts";
import { enqueueShiftReminder, type remindShiftJob } from "../jobs/remindShift.ts";
import { pagerSchedule } from "./onCallRoster.ts";

/**
 * DESIGN §4: before a weekend or holiday shift its person gets a DM with the open SEV1/SEV2 cases. A daily
 * planner job (and one after every schedule change) queues one reminder per shift start in the days ahead;
 * each reminder checks again when it runs that the shift is still theirs.
 */

const DAY_MS = 24 * 60 * 60_000;
const PLAN_AHEAD_MS = 8 * DAY_MS;
const URGENT_SEVERITIES: readonly Severity[] = ["sev1", "sev2"];
// One section per case keeps the DM well under Slack's 50 blocks; the rest are counted.
const CASES_LISTED = 20;

/**
 * Called inside the transaction of every change to the on-call schedule or the business calendar, so the
 * shift reminders ahead are planned again. Each change gets its own run: two changes in one millisecond
 * must not share a key, or the second would be lost.
 */
export function onScheduleChanged(tx: Executor, _deps: FlowDeps, now: number): void {
  enqueueShiftPlanning(tx, `change:${now}:${randomUUID()}`, now, now);
}

/** At start: today's planner run (keyed by the local date, so restarts add nothing). */
export function startShiftReminderPlanning(deps: FlowDeps): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const { timeZone } = loadCalendar(tx, deps.config.businessTimeZone);
    enqueueShiftPlanning(tx, localDateOf(now, timeZone), now, now);
  });
}

/** Job: queues a reminder for each weekend/holiday shift starting soon, then the next day's planner run. */
export async function planShiftReminders(deps: FlowDeps): Promise<void> {
  const now = deps.clock.now();
  const lead = deps.config.onCall.shiftReminderLeadMs;
  const planned = inTransaction(deps.db, (tx) => {
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    const horizon = now + Math.max(PLAN_AHEAD_MS, lead + DAY_MS);
    // Overrides over by the millisecond before `now` cannot change who holds a shift from now on.
    const shifts = weekendAndHolidayShifts(
      pagerSchedule(tx, calendar, now - 1, deps.botUserId),
      calendar,
      now,
      horizon,
    );
    let queued = 0;
    for (const shift of shifts) {
      if (enqueueShiftReminder(tx, shift, Math.max(shift.at - lead, now), now)) queued++;
    }
    const tomorrow = localDayOf(now, calendar.timeZone) + 1;
    enqueueShiftPlanning(tx, isoDateOf(tomorrow), instantAt(tomorrow, 0, calendar.timeZone), now);
    return { shifts: shifts.length, queued };
  });
  deps.log.info(planned, "shift reminders planned");
  if (planned.queued > 0) deps.wakeScheduler();
}

/** Open SEV1 and SEV2 cases, SEV1 first and oldest first, at most CASES_LISTED, with how many there are. */
function openUrgentCases(tx: Executor): { cases: CaseRow[]; total: number } {
  const counts = openCaseCountsBySeverity(tx);
  const total = URGENT_SEVERITIES.reduce((n, severity) => n + (counts[severity] ?? 0), 0);
  return { cases: openCasesOfSeverities(tx, URGENT_SEVERITIES, CASES_LISTED), total };
}

/**
 * The reminder a shift's person is due, unless a change since planning means it is not theirs. Roles
 * are read as they are now, so someone who lost the right to take pages (and to see case titles) gets nothing.
 */
export function dueShiftReminder(deps: FlowDeps, { userId, startsAt }: PayloadOf<typeof remindShiftJob>) {
  const now = deps.clock.now();
  const reminder = inTransaction(deps.db, (tx) => {
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    // Overrides running just before the shift's start count too, even when the job runs late.
    const schedule = pagerSchedule(tx, calendar, Math.min(now, startsAt - 1), deps.botUserId);
    const shift = weekendAndHolidayShifts(schedule, calendar, startsAt, startsAt + 1).find((s) => s.primary === userId);
    return shift && { shift, timeZone: calendar.timeZone, ...openUrgentCases(tx) };
  });
  return { userId, startsAt, reminder };
}
