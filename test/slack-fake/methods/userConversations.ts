/**
 * users.conversations: the conversations the bot (or a person it shares them with) is a member of.
 * Source: https://docs.slack.dev/reference/methods/users.conversations (bot scopes channels:read, groups:read,
 * im:read, mpim:read by type; Tier 3).
 */
import { booleanArg, fail, integerArg, listArg, optionalString } from "../args.ts";
import { channelJson } from "../serialize.ts";
import type { FakeState } from "../state.ts";
import type { StoredChannel } from "../types.ts";
import type { MethodTable } from "./handler.ts";

// users.conversations doc: limit defaults to 100, "an integer with a max value of 999".
const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;
const CONVERSATION_TYPES = ["public_channel", "private_channel", "mpim", "im"] as const;
type ConversationType = (typeof CONVERSATION_TYPES)[number];

/** Opaque cursors like the doc's example (`dGVhbTpDMDYxRkE1UEI=` is base64 of `team:C061FA5PB`). */
function encodeCursor(channelId: string): string {
  return Buffer.from(`team:${channelId}`).toString("base64");
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64").toString("utf8");
  return decoded.startsWith("team:") ? decoded.slice("team:".length) : fail("invalid_cursor");
}

function typeOf(channel: StoredChannel): ConversationType {
  if (channel.is_im) return "im";
  if (channel.is_mpim) return "mpim";
  return channel.is_private ? "private_channel" : "public_channel";
}

// users.conversations doc: types defaults to public_channel; any other name is `invalid_types`.
function typesArg(args: Record<string, unknown>): Set<ConversationType> {
  const given = listArg(args, "types");
  if (given.length === 0) return new Set(["public_channel"]);
  const known = new Set<string>(CONVERSATION_TYPES);
  return new Set(given.map((type) => (known.has(type) ? (type as ConversationType) : fail("invalid_types"))));
}

/** The doc's "limited" conversation objects: no is_member and no num_members. */
function limitedJson(state: FakeState, channel: StoredChannel) {
  const { is_member: _isMember, ...rest } = channelJson(state, channel) as Record<string, unknown>;
  return rest;
}

export const userConversationMethods: MethodTable = {
  "users.conversations": (state, args) => {
    const types = typesArg(args);
    const limit = integerArg(args, "limit", "invalid_limit") ?? DEFAULT_PAGE;
    if (limit < 1 || limit > MAX_PAGE) fail("invalid_limit");
    const bot = state.config.botUserId;
    const user = optionalString(args, "user") ?? bot;
    // Doc: another user's non-public conversations are listed only where the caller shares membership.
    const memberships = [...state.channels.values()].filter(
      (c) => state.isMember(c, user) && (typeOf(c) === "public_channel" || state.isMember(c, bot)),
    );
    const cursor = optionalString(args, "cursor");
    const start = cursor === undefined ? 0 : memberships.findIndex((c) => c.id === decodeCursor(cursor));
    if (start < 0) fail("invalid_cursor");
    // Doc: "Fewer than the requested number of items may be returned": filters apply after a page is cut.
    const window = memberships.slice(start, start + limit);
    const next = memberships[start + limit];
    const excludeArchived = booleanArg(args, "exclude_archived");
    const channels = window
      .filter((c) => types.has(typeOf(c)) && !(excludeArchived && c.is_archived))
      .map((c) => limitedJson(state, c));
    return { channels, response_metadata: { next_cursor: next === undefined ? "" : encodeCursor(next.id) } };
  },
};
