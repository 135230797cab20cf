import type { JobRow } from "../../db/schema.ts";
import { slackErrorCode } from "../scheduler/slackFailure.ts";
import { buildCaseSummary, buildWarRoomTopic, caseHeadline } from "../slack/views/caseSummary.ts";
import { updateCase } from "../store/cases.ts";
import { inTransaction } from "../store/database.ts";
import { hasLaterPendingJob } from "../store/jobs.ts";
import { triagePostBlocks } from "./announceCase.ts";
import { enqueueSummaryPost, loadJobCase } from "./caseJobs.ts";
import { loadCaseSnapshot } from "./caseSnapshot.ts";
import type { FlowDeps } from "./deps.ts";

/**
 * Job: re-renders the pinned summary and the triage post from the case as it is now. A burst of changes
 * queues one refresh each; all but the last find a later one queued and leave the rendering to it.
 */
export async function refreshCaseSummary(deps: FlowDeps, payload: unknown, job: JobRow): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  const { channelId, summaryTs } = record;
  // Not posted yet: the summary's own post renders the case as it is then.
  if (!(channelId && summaryTs) && !record.triageTs) return;
  if (hasLaterPendingJob(deps.db, job)) return;
  const snapshot = loadCaseSnapshot(deps.db, record, deps.clock.now(), deps.config.businessTimeZone);
  const text = caseHeadline(record);
  if (channelId && summaryTs) {
    try {
      await deps.slack.chat.update({
        channel: channelId,
        ts: summaryTs,
        text,
        blocks: buildCaseSummary(snapshot, { offerWarRoom: false, workButtons: true }),
      });
    } catch (error) {
      if (slackErrorCode(error) !== "message_not_found") throw error;
      // Someone deleted the summary: post a fresh one (and pin it) rather than lose it.
      const now = deps.clock.now();
      inTransaction(deps.db, (tx) =>
        enqueueSummaryPost(tx, updateCase(tx, record.id, { summaryTs: null, updatedAt: now }), now),
      );
      deps.wakeScheduler();
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

/** Job: keeps the war room's topic on case id, severity and status. */
export async function setWarRoomTopic(deps: FlowDeps, payload: unknown): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (!record.channelId) return;
  await deps.slack.conversations.setTopic({ channel: record.channelId, topic: buildWarRoomTopic(record) });
}
