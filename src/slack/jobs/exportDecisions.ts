import { tmpdir } from "node:os";
import type { DecisionExportRow, JobRow } from "../../../db/schema.ts";
import type { ExportRange } from "../../core/decisionExport.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { exportDecisionsJob } from "../../flows/jobs/exportDecisions.ts";
import { buildDecisionExport, type DecisionExport } from "../../flows/sanctions/buildDecisionExport.ts";
import { finishDecisionExport } from "../../flows/sanctions/finishDecisionExport.ts";
import { inPrivateFolder } from "../../flows/sanctions/inPrivateFolder.ts";
import { loadDecisionExport } from "../../flows/sanctions/loadDecisionExport.ts";
import { recordExportProgressMessage } from "../../flows/sanctions/recordExportProgressMessage.ts";
import { recordExportSharing, recordExportUploaded } from "../../flows/sanctions/recordExportUploaded.ts";
import { classifyFailure, type FailureClass } from "../../scheduler/slackFailure.ts";
import { shareFilesOnce } from "../files/uploadFiles.ts";
import type { SlackDeps } from "../slackDeps.ts";
import {
  exportComment,
  exportDoneText,
  exportEmptyText,
  exportFailedText,
  exportProgressText,
} from "../views/exportMessages.ts";
import { privateDestination } from "./privateDestination.ts";

interface PostedMessage {
  channel: string;
  ts: string;
}

/** The progress message, posted once: a retry finds it recorded and updates it instead. */
async function progressMessage(
  deps: SlackDeps,
  request: DecisionExportRow,
  range: ExportRange,
): Promise<PostedMessage> {
  if (request.progressChannelId && request.progressTs)
    return { channel: request.progressChannelId, ts: request.progressTs };
  // Statements of reasons are not for a public channel.
  const destination = await privateDestination(
    deps,
    { channelId: request.requestChannelId, userId: request.requestedBy },
    { exportId: request.id },
  );
  const posted = await deps.slack.chat.postMessage({ channel: destination, text: exportProgressText(range) });
  const message = { channel: String(posted.channel), ts: String(posted.ts) };
  recordExportProgressMessage(deps, request.id, message);
  return message;
}

/** Builds, uploads once, and says how it went in the progress message. */
async function runExport(deps: SlackDeps, request: DecisionExportRow, range: ExportRange): Promise<void> {
  const progress = await progressMessage(deps, request, range);
  // The files live in a private folder removed however the attempt ends: a retry builds afresh from the record.
  const built = await inPrivateFolder(tmpdir(), (folder) => buildAndUploadOnce(deps, request, range, progress, folder));
  if (built.count === 0) {
    await deps.slack.chat.update({ ...progress, text: exportEmptyText(range, built.leftOut) });
    finishDecisionExport(deps, request.id, { outcome: "empty" });
    return;
  }
  await deps.slack.chat.update({ ...progress, text: exportDoneText(range, built.count, built.leftOut) });
  finishDecisionExport(deps, request.id, { outcome: "uploaded" });
}

/** Writes the files into `folder` and, unless an earlier attempt did, shares them where the progress message is. */
async function buildAndUploadOnce(
  deps: SlackDeps,
  request: DecisionExportRow,
  range: ExportRange,
  progress: PostedMessage,
  folder: string,
): Promise<DecisionExport> {
  const started = performance.now();
  const built = await buildDecisionExport(deps.db, range, folder);
  deps.log.info(
    { exportId: request.id, count: built.count, buildMs: Math.round(performance.now() - started) },
    "export built",
  );
  if (built.count > 0 && request.uploadedAt === null) {
    const comment = exportComment(range, built.count, built.leftOut);
    const fileIds = await shareFilesOnce(deps, {
      channelId: progress.channel,
      earlier: request.uploadedFileIds,
      files: () => built.files,
      comment,
      beforeSharing: (ids) => recordExportSharing(deps, request.id, ids),
    });
    recordExportUploaded(deps, request.id, fileIds);
  }
  return built;
}

/** What the progress message says went wrong. */
function failureReason(failure: FailureClass): string {
  if (failure.kind === "permanent" && failure.code !== failure.detail) return failure.detail;
  return failure.kind === "permanent" ? `Slack answered ${failure.detail}` : `Slack kept failing: ${failure.detail}`;
}

/** On a failure the runner will not retry, the requester learns why; the runner still records the failure. */
async function reportFailure(deps: SlackDeps, exportId: number, range: ExportRange, failure: FailureClass) {
  const request = loadDecisionExport(deps, exportId).request;
  const text = exportFailedText(range, failureReason(failure));
  if (request.progressChannelId && request.progressTs) {
    await deps.slack.chat.update({ channel: request.progressChannelId, ts: request.progressTs, text });
  } else {
    await deps.slack.chat.postMessage({ channel: request.requestedBy, text });
  }
  finishDecisionExport(deps, exportId, { outcome: "failed", failure: failure.detail });
}

/** Job: `/incident export decisions`, built and uploaded after the command was answered. */
export async function exportDecisions(
  deps: SlackDeps,
  payload: PayloadOf<typeof exportDecisionsJob>,
  job: JobRow,
): Promise<void> {
  const { request, range } = loadDecisionExport(deps, payload.exportId);
  if (request.finishedAt !== null) return;
  try {
    await runExport(deps, request, range);
  } catch (error) {
    const failure = classifyFailure(error);
    const givesUp = failure.kind === "permanent" || (failure.kind === "transient" && job.attempts >= job.maxAttempts);
    if (givesUp) await reportFailure(deps, request.id, range, failure);
    throw error;
  }
}
