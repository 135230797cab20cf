/** Stored records as the JSON objects Slack returns for them. */
import type { FakeState } from "./state.ts";
import type { FakeUser, StoredChannel, StoredMessage, StoredView } from "./types.ts";

export function channelJson(state: FakeState, channel: StoredChannel, options: { numMembers?: boolean } = {}) {
  if (channel.is_im) {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      user: channel.user,
      is_user_deleted: false,
      priority: 0,
    };
  }
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_private,
    is_group: channel.is_private && !channel.is_mpim,
    is_im: false,
    is_mpim: channel.is_mpim,
    is_private: channel.is_private,
    created: channel.created,
    is_archived: channel.is_archived,
    is_general: false,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    context_team_id: state.config.teamId,
    creator: channel.creator,
    is_member: state.isMember(channel, state.config.botUserId),
    topic: { ...channel.topic },
    purpose: { ...channel.purpose },
    previous_names: [...channel.previous_names],
    ...(options.numMembers ? { num_members: channel.members.length } : {}),
  };
}

export function messageJson(state: FakeState, message: StoredMessage) {
  const parent = message.thread_ts ? state.findMessage(message.channel, message.thread_ts) : undefined;
  const isReply = parent !== undefined && message.thread_ts !== message.ts;
  return {
    type: "message",
    ...(message.files ? { subtype: "file_share" } : {}),
    text: message.text,
    user: message.user,
    ...(message.bot_id ? { bot_id: message.bot_id, app_id: state.config.appId } : {}),
    ts: message.ts,
    team: state.config.teamId,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(message.files ? { files: message.files, upload: false } : {}),
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    ...(isReply ? { parent_user_id: parent.user } : {}),
    ...(message.replies.length > 0
      ? { reply_count: message.replies.length, latest_reply: message.replies.at(-1) }
      : {}),
    ...(message.edited ? { edited: message.edited } : {}),
    ...(message.reactions.length > 0 ? { reactions: message.reactions } : {}),
  };
}

export function viewJson(view: StoredView) {
  const { user: _user, open: _open, ...payload } = view;
  return payload;
}

export function userJson(state: FakeState, user: FakeUser) {
  const realName = user.real_name ?? user.name;
  return {
    id: user.id,
    team_id: state.config.teamId,
    name: user.name,
    deleted: user.deleted ?? false,
    real_name: realName,
    tz: user.tz ?? "Etc/UTC",
    is_bot: user.is_bot ?? false,
    is_app_user: false,
    updated: 0,
    profile: {
      real_name: realName,
      display_name: user.name,
      ...(user.email ? { email: user.email } : {}),
      ...(user.is_bot && state.isBot(user.id) ? { bot_id: state.config.botId } : {}),
      team: state.config.teamId,
    },
  };
}
