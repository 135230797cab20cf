import { closeSummaryToPost, recordCloseSummaryPost } from "../../flows/cases/closeSummaryPost.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { postCloseSummaryJob } from "../../flows/jobs/postCloseSummary.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildCloseSummaryMessage } from "../views/closeReplies.ts";

/**
 * Job: the closing summary in the triage channel. The channel is wider than the case team, so it
 * carries ids, labels and counts only: no title, description, parties or resolution text.
 */
export async function postCloseSummary(deps: SlackDeps, payload: PayloadOf<typeof postCloseSummaryJob>): Promise<void> {
  const due = closeSummaryToPost(deps, payload);
  if (!due) return;
  const channel = deps.config.slack.triageChannelId;
  const posted = await deps.slack.chat.postMessage({ channel, ...buildCloseSummaryMessage(due.summary) });
  recordCloseSummaryPost(deps, due.summary.record.id, due.closeSeq, { channel, ts: String(posted.ts) });
}
