import type { JobRow, ReportRunRow } from "../../../db/schema.ts";
import type { PostedMessage } from "../../core/postedMessage.ts";
import type { ReportPeriod } from "../../core/reportPeriod.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { postReportJob } from "../../flows/jobs/postReport.ts";
import { type BuiltReport, buildReport } from "../../flows/reports/buildReport.ts";
import {
  finishReport,
  loadReportRun,
  recordReportProgressMessage,
  recordReportSharing,
  recordReportUploaded,
} from "../../flows/reports/recordReportSteps.ts";
import { periodOfRun } from "../../flows/reports/reportRunPeriod.ts";
import { classifyFailure, type FailureClass } from "../../scheduler/slackFailure.ts";
import { shareFilesOnce } from "../files/uploadFiles.ts";
import type { SlackDeps } from "../slackDeps.ts";
import {
  buildReportMessage,
  periodLabel,
  reportFailedText,
  reportFilesComment,
  reportProgressText,
} from "../views/reportMessages.ts";
import { postInChannel } from "./postMessages.ts";
import { privateDestination } from "./privateDestination.ts";

/** The progress message, posted once: a retry finds it recorded and updates it instead. */
async function progressMessage(deps: SlackDeps, run: ReportRunRow, period: ReportPeriod): Promise<PostedMessage> {
  if (run.progressChannelId && run.progressTs) return { channel: run.progressChannelId, ts: run.progressTs };
  const text = reportProgressText(period, run.category);
  // The scheduled report goes to the channel its operator configured; a requested one only somewhere private.
  const posted =
    run.requestedBy === null
      ? await postInChannel(deps, run.requestChannelId, { text })
      : await deps.slack.chat
          .postMessage({
            channel: await privateDestination(
              deps,
              { channelId: run.requestChannelId, userId: run.requestedBy },
              { reportId: run.id },
            ),
            text,
          })
          .then((sent) => ({ channel: String(sent.channel), ts: String(sent.ts) }));
  recordReportProgressMessage(deps, run.id, posted);
  return posted;
}

/** The charts (rendered in a module loaded only now, so an idle bot does not carry the charting library) and the CSV. */
async function reportFiles(report: BuiltReport) {
  const { renderReportCharts } = await import("../../reports/reportCharts.ts");
  const prefix = `report-${report.period.kind}-${report.period.firstDay}${report.run.category ? `-${report.run.category}` : ""}`;
  const charts = renderReportCharts(report.figures, periodLabel(report.period), prefix);
  return [...charts, { filename: `${prefix}.csv`, title: "Report figures (CSV)", content: report.csv }];
}

async function runReport(deps: SlackDeps, run: ReportRunRow): Promise<void> {
  const progress = await progressMessage(deps, run, periodOfRun(run));
  const started = performance.now();
  const report = buildReport(deps, run.id);
  if (run.uploadedAt === null) {
    // The charts are rendered only if they are to be uploaded: not when an earlier attempt's are in the channel.
    const files = async () => {
      const built = await reportFiles(report);
      deps.log.info(
        { reportId: run.id, cases: report.figures.casesOpened, buildMs: Math.round(performance.now() - started) },
        "report built",
      );
      return built;
    };
    const fileIds = await shareFilesOnce(deps, {
      channelId: progress.channel,
      earlier: run.uploadedFileIds,
      files,
      comment: reportFilesComment(report.period, run.category),
      beforeSharing: (ids) => recordReportSharing(deps, run.id, ids),
    });
    recordReportUploaded(deps, run.id, fileIds);
  }
  await deps.slack.chat.update({ ...progress, ...buildReportMessage(report.period, run.category, report.figures) });
  finishReport(deps, run.id, { outcome: "posted" });
}

function failureReason(failure: FailureClass): string {
  if (failure.kind === "permanent" && failure.code !== failure.detail) return failure.detail;
  return failure.kind === "permanent" ? `Slack answered ${failure.detail}` : `Slack kept failing: ${failure.detail}`;
}

/** On a failure the runner will not retry, the progress message (if any) says why; the runner still records it. */
async function reportFailure(deps: SlackDeps, reportId: number, failure: FailureClass): Promise<void> {
  const run = loadReportRun(deps, reportId);
  const text = reportFailedText(periodOfRun(run), failureReason(failure));
  if (run.progressChannelId && run.progressTs) {
    await deps.slack.chat.update({ channel: run.progressChannelId, ts: run.progressTs, text });
  } else if (run.requestedBy !== null) {
    await deps.slack.chat.postMessage({ channel: run.requestedBy, text });
  }
  finishReport(deps, reportId, { outcome: "failed", failure: failure.detail });
}

/** Job: a report asked for with `/incident report`, or the weekly one, built and posted after it was queued. */
export async function postReport(deps: SlackDeps, payload: PayloadOf<typeof postReportJob>, job: JobRow) {
  const run = loadReportRun(deps, payload.reportId);
  if (run.finishedAt !== null) return;
  try {
    await runReport(deps, run);
  } catch (error) {
    const failure = classifyFailure(error);
    const givesUp = failure.kind === "permanent" || (failure.kind === "transient" && job.attempts >= job.maxAttempts);
    if (givesUp) await reportFailure(deps, run.id, failure);
    throw error;
  }
}
