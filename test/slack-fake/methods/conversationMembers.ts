/** conversations.*: who is in a conversation, joining, inviting and opening DMs. */
import { booleanArg, fail, integerArg, listArg, optionalString, requiredString } from "../args.ts";
import { channelJson } from "../serialize.ts";
import type { FakeState } from "../state.ts";
import type { StoredChannel } from "../types.ts";
import type { MethodTable } from "./handler.ts";

const MAX_INVITES = 1000;
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
/** A group DM holds at most 8 people besides the caller. */
const MAX_MPIM_USERS = 8;

/** Opaque cursors like Slack's: base64 of `user:<next member id>`. */
function encodeCursor(userId: string): string {
  return Buffer.from(`user:${userId}`).toString("base64");
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64").toString("utf8");
  return decoded.startsWith("user:") ? decoded.slice("user:".length) : fail("invalid_cursor");
}

function groupDm(state: FakeState, userIds: string[]): StoredChannel {
  const members = [state.config.botUserId, ...userIds];
  for (const channel of state.channels.values()) {
    const same = channel.members.length === members.length && members.every((m) => channel.members.includes(m));
    if (channel.is_mpim && same) return channel;
  }
  const names = members.map((id) => state.users.get(id)?.name ?? id);
  const channel = state.createChannel({
    name: `mpdm-${names.join("--")}-1`,
    is_private: true,
    members,
    creator: state.config.botUserId,
  });
  channel.is_mpim = true;
  return channel;
}

export const conversationMemberMethods: MethodTable = {
  "conversations.invite": (state, args) => {
    const channel = state.visibleChannel(requiredString(args, "channel", "channel_not_found"));
    const users = listArg(args, "users");
    if (users.length === 0) fail("no_user");
    if (users.length > MAX_INVITES) fail("too_many_users");
    if (channel.is_im || channel.is_mpim) fail("method_not_supported_for_channel_type");
    if (channel.is_archived) fail("is_archived");
    if (!state.isMember(channel, state.config.botUserId)) fail("not_in_channel");
    for (const userId of users) {
      if (state.isBot(userId)) fail("cant_invite_self");
      const user = state.users.get(userId) ?? fail("user_not_found");
      if (user.deleted) fail("cant_invite");
      if (state.isMember(channel, userId)) fail("already_in_channel");
    }
    channel.members.push(...new Set(users));
    return { channel: channelJson(state, channel) };
  },

  "conversations.join": (state, args) => {
    const id = requiredString(args, "channel", "channel_not_found");
    const channel = state.channels.get(id) ?? fail("channel_not_found");
    if (channel.is_private) fail("method_not_supported_for_channel_type");
    if (channel.is_archived) fail("is_archived");
    if (state.isMember(channel, state.config.botUserId)) {
      return {
        channel: channelJson(state, channel),
        warning: "already_in_channel",
        response_metadata: { warnings: ["already_in_channel"] },
      };
    }
    channel.members.push(state.config.botUserId);
    return { channel: channelJson(state, channel) };
  },

  "conversations.members": (state, args) => {
    const channel = state.visibleChannel(requiredString(args, "channel", "channel_not_found"));
    const limit = integerArg(args, "limit", "invalid_limit") ?? DEFAULT_PAGE;
    if (limit < 1 || limit > MAX_PAGE) fail("invalid_limit");
    const cursor = optionalString(args, "cursor");
    const start = cursor === undefined ? 0 : channel.members.indexOf(decodeCursor(cursor));
    if (start < 0) fail("invalid_cursor");
    const page = channel.members.slice(start, start + limit);
    const next = channel.members[start + limit];
    return { members: page, response_metadata: { next_cursor: next === undefined ? "" : encodeCursor(next) } };
  },

  "conversations.open": (state, args) => {
    const existing = optionalString(args, "channel");
    const users = listArg(args, "users");
    let channel: StoredChannel;
    if (existing !== undefined) {
      channel = state.visibleChannel(existing);
      if (!channel.is_im && !channel.is_mpim) fail("method_not_supported_for_channel_type");
    } else {
      if (users.length === 0) fail("users_list_not_supplied");
      if (users.length > MAX_MPIM_USERS) fail("too_many_users");
      for (const userId of users) {
        if (!state.users.has(userId)) fail("user_not_found");
        // user_disabled is on conversations.open's page; cannot_dm_bot is what Slack answers for a bot, undocumented.
        state.assertCanDm(userId, { bot: "cannot_dm_bot", deactivated: "user_disabled" });
      }
      const [only] = users;
      channel = users.length === 1 && only !== undefined ? state.imWith(only) : groupDm(state, users);
    }
    const full = booleanArg(args, "return_im") || channel.is_mpim;
    return { channel: full ? channelJson(state, channel) : { id: channel.id } };
  },
};
