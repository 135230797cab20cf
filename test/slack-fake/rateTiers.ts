/**
 * Slack's documented rate limit of every method the bot calls, per method per workspace.
 * Tiers: docs.slack.dev/apis/web-api/rate-limits ("Tier 1 1+ per minute … Tier 4 100+ per minute");
 * each method's tier is on its page, docs.slack.dev/reference/methods/<name>, under "Rate Limits".
 */

/** Calls per rolling minute, at the bottom of each tier's "N+" range: the stricter reading. */
export const TIER_PER_MINUTE = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;

export type Tier = keyof typeof TIER_PER_MINUTE;

/**
 * chat.postMessage is "Special": "generally allows posting one message per second per channel" with
 * "short bursts >1 allowed" and "no guarantee" for them (docs.slack.dev/apis/web-api/rate-limits).
 * The burst size is undocumented: we take a small one (a token bucket of 3, refilled 1 per second).
 * Its "workspace-wide limit" has no documented number, so the stand-in does not invent one.
 */
export const POST_MESSAGE_PER_CHANNEL = { burst: 3, refillPerSecond: 1 } as const;

export const METHOD_TIERS: Readonly<Record<string, Tier>> = {
  // docs.slack.dev/reference/methods/auth.test: "Special", "hundreds of requests per minute": Tier 4's floor.
  "auth.test": 4,
  // docs.slack.dev/reference/methods/apps.connections.open
  "apps.connections.open": 1,
  // docs.slack.dev/reference/methods/chat.getPermalink: "Special", "hundreds of requests per minute": Tier 4's floor.
  "chat.getPermalink": 4,
  // docs.slack.dev/reference/methods/chat.postEphemeral
  "chat.postEphemeral": 4,
  // docs.slack.dev/reference/methods/chat.update
  "chat.update": 3,
  // docs.slack.dev/reference/methods/conversations.archive
  "conversations.archive": 2,
  // docs.slack.dev/reference/methods/conversations.create
  "conversations.create": 2,
  // docs.slack.dev/reference/methods/conversations.info
  "conversations.info": 3,
  // docs.slack.dev/reference/methods/conversations.invite
  "conversations.invite": 3,
  // docs.slack.dev/reference/methods/conversations.join
  "conversations.join": 3,
  // docs.slack.dev/reference/methods/conversations.members
  "conversations.members": 4,
  // docs.slack.dev/reference/methods/conversations.open
  "conversations.open": 3,
  // docs.slack.dev/reference/methods/conversations.rename
  "conversations.rename": 2,
  // docs.slack.dev/reference/methods/conversations.setPurpose
  "conversations.setPurpose": 2,
  // docs.slack.dev/reference/methods/conversations.setTopic
  "conversations.setTopic": 2,
  // docs.slack.dev/reference/methods/conversations.unarchive
  "conversations.unarchive": 2,
  // docs.slack.dev/reference/methods/files.completeUploadExternal
  "files.completeUploadExternal": 4,
  // docs.slack.dev/reference/methods/files.getUploadURLExternal
  "files.getUploadURLExternal": 4,
  // docs.slack.dev/reference/methods/files.info
  "files.info": 4,
  // docs.slack.dev/reference/methods/pins.add
  "pins.add": 2,
  // docs.slack.dev/reference/methods/pins.remove
  "pins.remove": 2,
  // docs.slack.dev/reference/methods/reactions.add
  "reactions.add": 3,
  // docs.slack.dev/reference/methods/usergroups.users.list
  "usergroups.users.list": 2,
  // docs.slack.dev/reference/methods/users.conversations
  "users.conversations": 3,
  // docs.slack.dev/reference/methods/users.info
  "users.info": 4,
  // docs.slack.dev/reference/methods/users.lookupByEmail
  "users.lookupByEmail": 3,
  // docs.slack.dev/reference/methods/views.open
  "views.open": 4,
  // docs.slack.dev/reference/methods/views.publish
  "views.publish": 4,
  // docs.slack.dev/reference/methods/views.push
  "views.push": 4,
  // docs.slack.dev/reference/methods/views.update
  "views.update": 4,
};
