import type { JobRow } from "../../../db/schema.ts";
import { loadCaseSnapshotNow } from "../../flows/cases/loadCaseSnapshot.ts";
import { loadJobCase } from "../../flows/cases/loadJobCase.ts";
import { replaceLostSummary } from "../../flows/cases/recordSummaryPost.ts";
import { isSupersededJob } from "../../flows/cases/supersededJob.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { refreshCaseSummaryJob } from "../../flows/jobs/refreshCaseSummary.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import { CASE_FORM_BUTTONS } from "../listeners/caseForms/index.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildCaseSummary, caseHeadline } from "../views/caseSummary.ts";
import { triagePostBlocks } from "./announceCase.ts";

/**
 * Job: re-renders the pinned summary and the triage post from the case as it is now. A burst of changes
 * queues one refresh each; all but the last find a later one queued and leave the rendering to it.
 */
export async function refreshCaseSummary(
  deps: SlackDeps,
  payload: PayloadOf<typeof refreshCaseSummaryJob>,
  job: JobRow,
): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  const { channelId, summaryTs } = record;
  // Not posted yet: the summary's own post renders the case as it is then.
  if (!(channelId && summaryTs) && !record.triageTs) return;
  if (isSupersededJob(deps.db, job)) return;
  const snapshot = loadCaseSnapshotNow(deps, record);
  const text = caseHeadline(record);
  if (channelId && summaryTs) {
    try {
      await deps.slack.chat.update({
        channel: channelId,
        ts: summaryTs,
        text,
        blocks: buildCaseSummary(snapshot, { offerWarRoom: false, workButtons: CASE_FORM_BUTTONS }),
      });
    } catch (error) {
      if (slackErrorCode(error) !== "message_not_found") throw error;
      replaceLostSummary(deps, record);
    }
  }
  if (record.triageTs) {
    await deps.slack.chat.update({
      channel: deps.config.slack.triageChannelId,
      ts: record.triageTs,
      text,
      blocks: triagePostBlocks(snapshot),
    });
  }
}
