import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";

// conversations.info answers these when the bot cannot see the conversation or lacks im:read/mpim:read for it.
const UNCONFIRMED_PRIVACY = new Set(["channel_not_found", "missing_scope"]);

/**
 * Where files asked for in `channelId` may go: there only when Slack confirms the conversation is private
 * (a DM, a group DM, or a private channel the bot is in), else to the requester's DM with the bot.
 */
export async function privateDestination(
  deps: SlackDeps,
  request: { channelId: string; userId: string },
  logContext: Record<string, unknown>,
): Promise<string> {
  try {
    const { channel } = await deps.slack.conversations.info({ channel: request.channelId });
    const privateChannel = channel?.is_private === true && channel.is_member !== false;
    if (privateChannel || channel?.is_im || channel?.is_mpim) return request.channelId;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === undefined || !UNCONFIRMED_PRIVACY.has(code)) throw error;
    deps.log.info({ ...logContext, code }, "conversation not confirmed private; files go by DM");
  }
  return request.userId;
}
