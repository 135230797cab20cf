import type { WebClient } from "@slack/web-api";
import { type Config, ConfigError } from "./config.ts";
import { classifyFailure } from "./scheduler/slackFailure.ts";

export interface BotIdentity {
  botUserId: string;
  botId: string;
}

interface FailedCall {
  code?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  /** The network error; with fetch the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
  original?: { code?: unknown; message?: unknown; cause?: { code?: unknown } };
}

/**
 * What start-up asks Slack before it writes anything: the token is accepted, and the channels the bot
 * posts in (triage, escalation, the weekly report's) exist for it. A failure is a ConfigError: one line naming
 * the variable to fix.
 */
export async function checkSlackSetup(slack: WebClient, config: Config): Promise<BotIdentity> {
  const auth = await slack.auth
    .test()
    .catch((error: unknown) => refuse(error, config, `SLACK_BOT_TOKEN was refused by Slack's auth.test`));
  const { triageChannelId, escalationChannelId, reportChannelId } = config.slack;
  await checkChannel(slack, config, "TRIAGE_CHANNEL_ID", triageChannelId);
  if (escalationChannelId !== triageChannelId) {
    await checkChannel(slack, config, "ESCALATION_CHANNEL_ID", escalationChannelId);
  }
  // The weekly report's channel: a wrong id otherwise shows only when the first report fails, days after the start.
  if (reportChannelId !== undefined && reportChannelId !== triageChannelId && reportChannelId !== escalationChannelId) {
    await checkChannel(slack, config, "REPORT_CHANNEL_ID", reportChannelId);
  }
  return { botUserId: String(auth.user_id), botId: String(auth.bot_id ?? "") };
}

/**
 * A public channel the bot is not in is fine (it joins at its first post, with channels:join); a private
 * one it must be invited to, and Slack hides a private channel from a bot outside it (channel_not_found).
 */
async function checkChannel(slack: WebClient, config: Config, variable: string, channelId: string): Promise<void> {
  const notVisible = `${variable} ${channelId} is not a channel the bot can see`;
  const info = await slack.conversations
    .info({ channel: channelId })
    .catch((error: unknown) =>
      refuse(error, config, `${notVisible} (check the id; invite the bot to a private channel)`),
    );
  const channel = info.channel;
  if (!channel || channel.is_im || channel.is_mpim) {
    throw new ConfigError(`${variable} ${channelId} must be a channel, not a direct message`);
  }
  if (channel.is_archived) throw new ConfigError(`${variable} ${channelId} is archived: unarchive it or name another`);
  if (channel.is_private && !channel.is_member) {
    throw new ConfigError(`${variable} ${channelId} is a private channel the bot is not in: invite the bot to it`);
  }
}

/** Socket Mode's start failed: Slack's apps.connections.open refused the app-level token, or was not reached. */
export function refuseAppToken(error: unknown, config: Config): never {
  refuse(error, config, "SLACK_APP_TOKEN was refused by Slack's apps.connections.open");
}

/** One line for a failed start-up call: Slack's answer after `refused`, or that Slack could not be reached. */
function refuse(error: unknown, config: Config, refused: string): never {
  const e = (typeof error === "object" && error !== null ? error : {}) as FailedCall;
  const apiUrl = config.slack.apiUrl;
  if (e.code === "slack_webapi_platform_error") throw new ConfigError(`${refused} (${String(e.data?.error)})`);
  if (e.code === "slack_webapi_request_error") {
    const why = e.original?.cause?.code ?? e.original?.code ?? e.original?.message ?? "network error";
    throw new ConfigError(`SLACK_API_URL ${apiUrl} could not be reached (${oneLine(String(why))})`);
  }
  if (e.code === "slack_webapi_http_error") {
    throw new ConfigError(`SLACK_API_URL ${apiUrl} answered HTTP ${String(e.statusCode)}: is it Slack's Web API?`);
  }
  throw new ConfigError(
    `Slack's Web API at SLACK_API_URL ${apiUrl} failed (${oneLine(classifyFailure(error).detail)})`,
  );
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
