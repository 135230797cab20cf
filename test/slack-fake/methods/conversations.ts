/** conversations.*: creating, naming, describing and archiving channels. */
import { booleanArg, fail, failMissing, requiredString } from "../args.ts";
import { channelJson } from "../serialize.ts";
import type { FakeState } from "../state.ts";
import type { Args, StoredChannel } from "../types.ts";
import type { MethodTable } from "./handler.ts";

const MAX_NAME = 80;
const MAX_TOPIC = 250;

/** Slack's naming rules: lowercase letters, digits, hyphens and underscores, at most 80 characters. */
function validChannelName(args: Args): string {
  const name = requiredString(args, "name", "invalid_name_required");
  if (name.length > MAX_NAME) fail("invalid_name_maxlength");
  if (!/^[a-z0-9_-]+$/.test(name)) fail("invalid_name_specials");
  if (/^[-_]+$/.test(name)) fail("invalid_name_punctuation");
  return name;
}

function assertNameFree(state: FakeState, name: string, except?: string): void {
  for (const channel of state.channels.values()) {
    if (!channel.is_im && channel.id !== except && channel.name === name) fail("name_taken");
  }
}

function channelArg(state: FakeState, args: Args): StoredChannel {
  return state.visibleChannel(requiredString(args, "channel", "channel_not_found"));
}

function assertNotIm(channel: StoredChannel): void {
  if (channel.is_im || channel.is_mpim) fail("method_not_supported_for_channel_type");
}

function assertBotMember(state: FakeState, channel: StoredChannel): void {
  if (!state.isMember(channel, state.config.botUserId)) fail("not_in_channel");
}

function setText(field: "topic" | "purpose") {
  return (state: FakeState, args: Args) => {
    const channel = channelArg(state, args);
    const value = args[field];
    if (value === undefined) failMissing(field);
    const text = String(value);
    if (channel.is_archived) fail("is_archived");
    assertBotMember(state, channel);
    if (text.length > MAX_TOPIC) fail("too_long");
    channel[field] = { value: text, creator: state.config.botUserId, last_set: state.nowSeconds() };
    return { channel: channelJson(state, channel) };
  };
}

export const conversationMethods: MethodTable = {
  "conversations.create": (state, args) => {
    const name = validChannelName(args);
    assertNameFree(state, name);
    const channel = state.createChannel({
      name,
      is_private: booleanArg(args, "is_private"),
      members: [state.config.botUserId],
      creator: state.config.botUserId,
    });
    return { channel: channelJson(state, channel) };
  },

  "conversations.rename": (state, args) => {
    const channel = channelArg(state, args);
    assertNotIm(channel);
    assertBotMember(state, channel);
    const name = validChannelName(args);
    assertNameFree(state, name, channel.id);
    if (name !== channel.name) channel.previous_names.unshift(channel.name);
    channel.name = name;
    return { channel: channelJson(state, channel) };
  },

  "conversations.info": (state, args) => {
    const channel = channelArg(state, args);
    return { channel: channelJson(state, channel, { numMembers: booleanArg(args, "include_num_members") }) };
  },

  "conversations.archive": (state, args) => {
    const channel = channelArg(state, args);
    assertNotIm(channel);
    if (channel.is_archived) fail("already_archived");
    channel.is_archived = true;
    return {};
  },

  "conversations.unarchive": (state, args) => {
    const channel = channelArg(state, args);
    assertNotIm(channel);
    if (!channel.is_archived) fail("not_archived");
    channel.is_archived = false;
    return {};
  },

  "conversations.setTopic": setText("topic"),
  "conversations.setPurpose": setText("purpose"),
};
