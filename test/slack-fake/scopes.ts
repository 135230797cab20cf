/**
 * Bot-token scopes: what each method needs (from the "Scopes" fact of its page under
 * https://docs.slack.dev/reference/methods/), and what the app was granted (the manifest's `oauth_config.scopes.bot`).
 */
import { readFileSync } from "node:fs";
import { booleanArg, listArg, optionalString } from "./args.ts";
import type { FakeState } from "./state.ts";
import type { Args, StoredChannel } from "./types.ts";

/** The scopes Slack names for one kind of conversation: public, private, DM and group DM. */
interface ByConversationType {
  public: string;
  private: string;
  im: string;
  mpim: string;
}

/** conversations.archive/invite/rename/set*: "channels:manage, groups:write, im:write, mpim:write" on their pages. */
const WRITE: ByConversationType = {
  public: "channels:manage",
  private: "groups:write",
  im: "im:write",
  mpim: "mpim:write",
};
/** conversations.info/members: "channels:read, groups:read, im:read, mpim:read" on their pages. */
const READ: ByConversationType = { public: "channels:read", private: "groups:read", im: "im:read", mpim: "mpim:read" };

/** Scopes that are all needed at once, e.g. one per conversation type a listing asks for. */
interface AllOf {
  allOf: string[];
}

/** A method's need: one scope, none, a scope chosen by the type of the conversation it acts on, or several. */
type Need =
  | string
  | null
  | ByConversationType
  | ((state: FakeState, args: Args) => string | ByConversationType | AllOf);

/** users.conversations `types`: the conversation kinds listed, public channels when none is given. */
const LISTED_KIND: Record<string, keyof ByConversationType> = {
  public_channel: "public",
  private_channel: "private",
  im: "im",
  mpim: "mpim",
};

const REQUIRED_SCOPES: Record<string, Need> = {
  "auth.test": null,
  // An app-level token's scope (docs.slack.dev/reference/methods/apps.connections.open).
  "apps.connections.open": "connections:write",
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "chat.postEphemeral": "chat:write",
  // "No scope required" on docs.slack.dev/reference/methods/chat.getPermalink.
  "chat.getPermalink": null,
  // Slack lists any of four scopes; we take the one for the kind of channel asked for (stricter than "any").
  "conversations.create": (_state, args) => (booleanArg(args, "is_private") ? WRITE.private : WRITE.public),
  "conversations.archive": WRITE,
  "conversations.unarchive": WRITE,
  "conversations.invite": WRITE,
  "conversations.rename": WRITE,
  "conversations.setTopic": WRITE,
  "conversations.setPurpose": WRITE,
  "conversations.info": READ,
  "conversations.members": READ,
  "conversations.join": "channels:join",
  // Opening a DM needs im:write, a group DM mpim:write (docs.slack.dev/reference/methods/conversations.open).
  "conversations.open": (_state, args) =>
    optionalString(args, "channel") !== undefined
      ? WRITE
      : listArg(args, "users").length > 1
        ? "mpim:write"
        : "im:write",
  "files.getUploadURLExternal": "files:write",
  "files.completeUploadExternal": "files:write",
  "files.info": "files:read",
  "pins.add": "pins:write",
  "pins.remove": "pins:write",
  "reactions.add": "reactions:write",
  "usergroups.users.list": "usergroups:read",
  // Each kind of conversation listed needs its read scope (docs.slack.dev/reference/methods/users.conversations).
  "users.conversations": (_state, args) => ({
    allOf: (optionalString(args, "types") ?? "public_channel")
      .split(",")
      .map((type) => LISTED_KIND[type.trim()])
      .filter((kind): kind is keyof ByConversationType => kind !== undefined)
      .map((kind) => READ[kind]),
  }),
  "users.info": "users:read",
  "users.lookupByEmail": "users:read.email",
  // views.* need no scope: the trigger_id or user_id is the permission.
  "views.open": null,
  "views.push": null,
  "views.update": null,
  "views.publish": null,
};

/** Every scope some method of the stand-in can need, for tests of methods the bot itself never calls. */
export const EVERY_SCOPE: readonly string[] = [
  ...new Set([
    ...Object.values(WRITE),
    ...Object.values(READ),
    ...Object.values(REQUIRED_SCOPES).filter((need): need is string => typeof need === "string"),
  ]),
];

const MANIFEST = new URL("../../manifest.yml", import.meta.url);

/** `oauth_config.scopes.bot` of the repository's manifest.yml: the list items under `bot:`, comments skipped. */
export function manifestBotScopes(path: URL = MANIFEST): string[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const start = lines.findIndex((line) => /^\s{4}bot:\s*$/.test(line));
  if (start < 0) throw new Error("slack-fake: manifest.yml has no oauth_config.scopes.bot");
  const scopes: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^\s{6}-\s+([a-z.:_]+)\s*$/.exec(line);
    if (!item?.[1]) break;
    scopes.push(item[1]);
  }
  return scopes;
}

function conversationKind(channel: StoredChannel): keyof ByConversationType {
  if (channel.is_im) return "im";
  if (channel.is_mpim) return "mpim";
  return channel.is_private ? "private" : "public";
}

/**
 * The scopes a call needs: `anyOf` (where the conversation is unknown, any of its kinds' scopes do) or `allOf`.
 * A method without a rule is a gap in the stand-in, not a method that needs no scope.
 */
function neededScopes(state: FakeState, method: string, args: Args): { anyOf: string[] } | AllOf {
  const rule = REQUIRED_SCOPES[method];
  if (rule === undefined) throw new Error(`slack-fake: no scope rule for ${method}; add it from its docs page`);
  if (rule === null) return { anyOf: [] };
  const need = typeof rule === "function" ? rule(state, args) : rule;
  if (typeof need === "string") return { anyOf: [need] };
  if ("allOf" in need) return need;
  const channel = state.channels.get(optionalString(args, "channel") ?? "");
  return { anyOf: channel ? [need[conversationKind(channel)]] : Object.values(need) };
}

/** Slack's `missing_scope` details when the granted scopes lack what the call needs, else undefined. */
export function missingScope(
  state: FakeState,
  granted: readonly string[],
  method: string,
  args: Args,
): { needed: string; provided: string } | undefined {
  const need = neededScopes(state, method, args);
  const needed =
    "allOf" in need
      ? need.allOf.filter((scope) => !granted.includes(scope))
      : need.anyOf.length === 0 || need.anyOf.some((scope) => granted.includes(scope))
        ? []
        : need.anyOf;
  return needed.length === 0 ? undefined : { needed: needed.join(","), provided: granted.join(",") };
}
