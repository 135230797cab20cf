import type { CaseRow } from "../../../db/schema.ts";
import type { PostedMessage } from "../../core/postedMessage.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";
import type { MessageContent } from "../views/blocks.ts";

/** Where the bot posts, shared by every job that talks in Slack. */

/** Posts where the team reads: a public channel the bot is not in yet is joined first. */
export async function postInChannel(deps: SlackDeps, channel: string, message: MessageContent): Promise<PostedMessage> {
  const posted = await deps.slack.chat.postMessage({ channel, ...message }).catch(async (error: unknown) => {
    if (slackErrorCode(error) !== "not_in_channel") throw error;
    await deps.slack.conversations.join({ channel });
    return deps.slack.chat.postMessage({ channel, ...message });
  });
  return { channel: String(posted.channel), ts: String(posted.ts) };
}

/** A DM from the bot to each person (chat.postMessage takes a user id as the channel). */
export async function postToEach(
  deps: SlackDeps,
  userIds: readonly string[],
  message: MessageContent,
): Promise<PostedMessage[]> {
  const posted: PostedMessage[] = [];
  for (const userId of userIds) {
    const sent = await deps.slack.chat.postMessage({ channel: userId, ...message });
    posted.push({ channel: String(sent.channel), ts: String(sent.ts) });
  }
  return posted;
}

/** Posts in the case's war room, or in its triage thread while it has none. */
export async function postToCaseRoom(
  deps: SlackDeps,
  record: CaseRow,
  message: MessageContent,
): Promise<PostedMessage> {
  if (record.channelId) {
    const posted = await deps.slack.chat.postMessage({ channel: record.channelId, ...message });
    return { channel: String(posted.channel), ts: String(posted.ts) };
  }
  if (record.triageTs) {
    const channel = deps.config.slack.triageChannelId;
    const posted = await deps.slack.chat.postMessage({ channel, thread_ts: record.triageTs, ...message });
    return { channel: String(posted.channel), ts: String(posted.ts) };
  }
  // The war room or triage post is still on its way (its own job): retrying later finds it.
  throw new Error(`case ${record.humanId} has no war room or triage post yet`);
}
