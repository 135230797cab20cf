import { lastCompletePeriod, parseReportRequest, type ReportPeriod } from "../../core/reportPeriod.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { inTransaction } from "../../store/database.ts";
import { insertOrFindReportRun } from "../../store/reportRuns.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueReportPost } from "../jobs/postReport.ts";
import { assertMay } from "../roles/access.ts";
import { periodColumns } from "./reportRunPeriod.ts";

export interface RequestedReport {
  period: ReportPeriod;
  category: string | null;
}

/**
 * `/incident report week|month [category]`: checked and recorded at once; a job builds the figures and
 * charts and posts them, so the command's answer never waits on a month of cases.
 */
export function requestReport(
  deps: FlowDeps,
  input: { userId: string; channelId: string; args: readonly string[] },
): RequestedReport {
  assertMay(deps.db, input.userId, "report.read");
  const { kind, category } = parseReportRequest(input.args);
  const now = deps.clock.now();
  const period = inTransaction(deps.db, (tx) => {
    const { timeZone } = loadCalendar(tx, deps.config.businessTimeZone);
    const period = lastCompletePeriod(kind, now, timeZone);
    const { row } = insertOrFindReportRun(tx, {
      ...periodColumns(period),
      category,
      requestedBy: input.userId,
      requestChannelId: input.channelId,
      requestedAt: now,
    });
    enqueueReportPost(tx, row.id, now);
    return period;
  });
  deps.wakeScheduler();
  return { period, category };
}
