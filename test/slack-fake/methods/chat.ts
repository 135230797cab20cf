/** chat.*: posting, updating, ephemeral messages and permalinks. */
import { fail, optionalString, requiredString, structuredArg } from "../args.ts";
import { asErrorMessages, type Problems } from "../blockKitText.ts";
import { blockProblems } from "../blockLimits.ts";
import { messageJson } from "../serialize.ts";
import type { FakeState } from "../state.ts";
import type { Args, StoredChannel, StoredMessage } from "../types.ts";
import type { MethodTable } from "./handler.ts";

const MAX_MESSAGE_BLOCKS = 50;
/**
 * Posted text over this is truncated with a warning (api.slack.com/changelog/2018-04-truncating-really-long-messages:
 * chat.postMessage, chat.postEphemeral and response URLs); chat.update is not a post and documents msg_too_long.
 */
const MAX_TEXT = 40_000;

interface MessageContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  warnings: string[];
}

function listOrFail(args: Args, key: string, invalidCode: string): unknown[] | undefined {
  if (args[key] === undefined || args[key] === "") return undefined;
  const value = structuredArg(args, key, invalidCode);
  return Array.isArray(value) ? value : fail(invalidCode);
}

/** Every problem Slack would report with a message's blocks, in its `[json-pointer:/blocks/…]` form. */
export function messageBlockProblems(blocks: unknown): Problems {
  return blockProblems(blocks, "/blocks", MAX_MESSAGE_BLOCKS);
}

export function messageContent(
  args: Args,
  options: { textKey?: string; allowEmpty?: boolean; refuseLongText?: boolean } = {},
): MessageContent {
  const blocks = listOrFail(args, "blocks", "invalid_blocks_format");
  const attachments = listOrFail(args, "attachments", "invalid_attachments");
  const text = optionalString(args, options.textKey ?? "text") ?? "";
  if (!options.allowEmpty && text === "" && !blocks?.length && !attachments?.length) fail("no_text");
  if (blocks) {
    const problems = messageBlockProblems(blocks);
    if (problems.length > 0) {
      fail("invalid_blocks", { errors: problems, response_metadata: { messages: asErrorMessages(problems) } });
    }
  }
  if (text.length <= MAX_TEXT) return { text, blocks, attachments, warnings: [] };
  if (options.refuseLongText) fail("msg_too_long");
  return { text: text.slice(0, MAX_TEXT), blocks, attachments, warnings: ["message_truncated"] };
}

function warningMetadata(warnings: string[]): Record<string, unknown> {
  if (warnings.length === 0) return {};
  return {
    warning: warnings.join(","),
    response_metadata: {
      warnings,
      messages: [
        "[WARN] Your message was truncated but still posted. The `text` field accepts up to 40,000 characters.",
      ],
    },
  };
}

/** Archived conversations refuse posts; a bot outside a public channel is told so, private ones never reach here. */
export function assertCanPost(state: FakeState, channel: StoredChannel): void {
  if (channel.is_archived) fail("is_archived");
  if (!state.isMember(channel, state.config.botUserId)) fail("not_in_channel");
}

/** A reply's thread_ts must name a top-level message of the same conversation. */
export function assertThreadParent(state: FakeState, channelId: string, threadTs: string | undefined): void {
  if (threadTs === undefined) return;
  const parent = state.findMessage(channelId, threadTs);
  if (!parent || (parent.thread_ts !== undefined && parent.thread_ts !== parent.ts)) fail("thread_not_found");
}

export function postAsBot(
  state: FakeState,
  message: Omit<StoredMessage, "type" | "ts" | "replies" | "reactions" | "user">,
): StoredMessage {
  return state.addMessage({ ...message, user: state.config.botUserId, bot_id: state.config.botId });
}

function existingMessage(
  state: FakeState,
  args: Args,
  tsKey: string,
): { channel: StoredChannel; message: StoredMessage } {
  const channel = state.visibleChannel(requiredString(args, "channel", "channel_not_found"));
  const message = state.findMessage(channel.id, requiredString(args, tsKey, "message_not_found"));
  return message ? { channel, message } : fail("message_not_found");
}

export const chatMethods: MethodTable = {
  "chat.postMessage": (state, args) => {
    const channel = state.visibleChannel(requiredString(args, "channel", "channel_not_found"), { userIdOpensIm: true });
    assertCanPost(state, channel);
    const content = messageContent(args);
    const threadTs = optionalString(args, "thread_ts");
    assertThreadParent(state, channel.id, threadTs);
    const message = postAsBot(state, {
      channel: channel.id,
      text: content.text,
      blocks: content.blocks,
      attachments: content.attachments,
      thread_ts: threadTs,
    });
    return {
      channel: channel.id,
      ts: message.ts,
      message: messageJson(state, message),
      ...warningMetadata(content.warnings),
    };
  },

  "chat.update": (state, args) => {
    const { channel, message } = existingMessage(state, args, "ts");
    if (channel.is_archived) fail("is_inactive");
    if (message.user !== state.config.botUserId) fail("cant_update_message");
    const content = messageContent(args, { refuseLongText: true });
    message.text = content.text;
    if (content.blocks !== undefined) message.blocks = state.withBlockIds(content.blocks);
    if (content.attachments !== undefined) message.attachments = content.attachments;
    message.edited = { user: state.config.botUserId, ts: state.nextTs() };
    return {
      channel: channel.id,
      ts: message.ts,
      text: message.text,
      message: messageJson(state, message),
      ...warningMetadata(content.warnings),
    };
  },

  "chat.postEphemeral": (state, args) => {
    const channel = state.visibleChannel(requiredString(args, "channel", "channel_not_found"));
    if (channel.is_archived) fail("is_archived");
    const user = requiredString(args, "user", "user_not_in_channel");
    if (!state.isMember(channel, user)) fail("user_not_in_channel");
    const content = messageContent(args);
    const messageTs = state.nextTs();
    state.ephemerals.push({
      channel: channel.id,
      user,
      message_ts: messageTs,
      text: content.text,
      blocks: content.blocks,
      thread_ts: optionalString(args, "thread_ts"),
    });
    return { message_ts: messageTs, ...warningMetadata(content.warnings) };
  },

  "chat.getPermalink": (state, args) => {
    const { channel, message } = existingMessage(state, args, "message_ts");
    const base = `${state.config.origin}/archives/${channel.id}/p${message.ts.replace(".", "")}`;
    const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
    const permalink = isReply ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base;
    return { channel: channel.id, permalink };
  },
};
