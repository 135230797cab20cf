import { instantAt, isoDateOf, localDayOf, parseIsoDate } from "../../core/localTime.ts";
import { mondayOf, weekFrom } from "../../core/reportPeriod.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { insertOrFindReportRun } from "../../store/reportRuns.ts";
import type { FlowDeps } from "../deps.ts";
import type { PayloadOf } from "../jobs/defineJob.ts";
import { enqueueReportPost } from "../jobs/postReport.ts";
import { enqueueWeeklyReport, type scheduleWeeklyReportJob } from "../jobs/scheduleWeeklyReport.ts";
import { periodColumns } from "./reportRunPeriod.ts";

/** Monday 09:00 business time (DESIGN: managers read it at the start of the week). */
const POST_AT_MINUTE = 9 * 60;

/** The week that starts on `monday` is reported the Monday after, at 09:00 in `timeZone`. */
const postTimeOf = (monday: number, timeZone: string) => instantAt(monday + 7, POST_AT_MINUTE, timeZone);

function queueWeek(tx: Executor, monday: number, timeZone: string, now: number): boolean {
  return enqueueWeeklyReport(tx, isoDateOf(monday), postTimeOf(monday, timeZone), now);
}

/**
 * At start, when REPORT_CHANNEL_ID is set: the report of the last complete week, due this Monday at 09:00.
 * Keyed by the week, so restarts add nothing, and a bot that was down on Monday posts it once when back.
 */
export function startWeeklyReportSchedule(deps: FlowDeps): void {
  if (!deps.config.slack.reportChannelId) return;
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const { timeZone } = loadCalendar(tx, deps.config.businessTimeZone);
    queueWeek(tx, mondayOf(localDayOf(now, timeZone)) - 7, timeZone, now);
  });
}

/**
 * Job: queues the next week's run first (so a failing post never stops the schedule), then records the
 * week's report run, once per week whoever runs it, and queues its post.
 */
export async function scheduleWeeklyReport(
  deps: FlowDeps,
  { monday }: PayloadOf<typeof scheduleWeeklyReportJob>,
): Promise<void> {
  const channelId = deps.config.slack.reportChannelId;
  if (!channelId) {
    deps.log.info({ monday }, "weekly report skipped: REPORT_CHANNEL_ID is no longer set");
    return;
  }
  const day = parseIsoDate(monday);
  if (day === undefined) throw new Error(`weekly report: ${monday} is not a date`);
  const now = deps.clock.now();
  const queued = inTransaction(deps.db, (tx) => {
    const { timeZone } = loadCalendar(tx, deps.config.businessTimeZone);
    queueWeek(tx, day + 7, timeZone, now);
    const { row, isNew } = insertOrFindReportRun(tx, {
      ...periodColumns(weekFrom(day, timeZone)),
      scheduleKey: `weekly:${monday}`,
      category: null,
      requestChannelId: channelId,
      requestedAt: now,
    });
    return isNew && enqueueReportPost(tx, row.id, now);
  });
  deps.log.info({ monday, queued }, "weekly report scheduled");
  deps.wakeScheduler();
}
