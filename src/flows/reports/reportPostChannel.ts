import type { Executor } from "../../store/database.ts";
import { getReportRun } from "../../store/reportRuns.ts";
import { postReportJob } from "../jobs/postReport.ts";

/**
 * The channel a report job posts its progress message in, when it is one the desk knows beforehand: the weekly
 * report's (REPORT_CHANNEL_ID as it was when the week was recorded). A requested report goes to a DM or a private
 * conversation only Slack can confirm, so it has none; a payload or run that does not parse or exist fails in the job.
 */
export function reportPostChannel(tx: Executor, payload: unknown): string | undefined {
  const parsed = postReportJob.payload.safeParse(payload);
  if (!parsed.success) return undefined;
  const run = getReportRun(tx, parsed.data.reportId);
  return run && run.requestedBy === null ? run.requestChannelId : undefined;
}
