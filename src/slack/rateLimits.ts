import type { PaceBudget } from "../scheduler/pacing.ts";

/**
 * Slack's documented rate limits of the Web API methods the bot's jobs call, per method per workspace.
 * Tiers: docs.slack.dev/apis/web-api/rate-limits ("Tier 1 1+ per minute … Tier 4 100+ per minute"); each
 * method's tier is on its page, docs.slack.dev/reference/methods/<name>, under "Rate Limits".
 */

/** Calls per minute at the bottom of each tier's "N+" range: the stricter reading. */
export const TIER_PER_MINUTE = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;

export type Tier = keyof typeof TIER_PER_MINUTE;

export const METHOD_TIERS = {
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
  // docs.slack.dev/reference/methods/conversations.setTopic
  "conversations.setTopic": 2,
  // docs.slack.dev/reference/methods/files.completeUploadExternal
  "files.completeUploadExternal": 4,
  // docs.slack.dev/reference/methods/files.getUploadURLExternal
  "files.getUploadURLExternal": 4,
  // docs.slack.dev/reference/methods/files.info
  "files.info": 4,
  // docs.slack.dev/reference/methods/pins.add
  "pins.add": 2,
  // docs.slack.dev/reference/methods/usergroups.users.list
  "usergroups.users.list": 2,
  // docs.slack.dev/reference/methods/users.conversations
  "users.conversations": 3,
  // docs.slack.dev/reference/methods/views.update
  "views.update": 4,
  // docs.slack.dev/reference/methods/views.publish
  "views.publish": 4,
} as const satisfies Record<string, Tier>;

export type TieredMethod = keyof typeof METHOD_TIERS;

// A job is claimed a moment before its call reaches Slack: the window is a second longer than Slack's.
const MINUTE_WINDOW_MS = 61_000;

/**
 * chat.postMessage is "Special": "generally allows posting one message per second per channel", "short bursts
 * >1 allowed" with "no guarantee" (docs.slack.dev/apis/web-api/rate-limits). Three in any three seconds: a
 * burst of three, then one a second on average, never more than a bucket of three refilled once a second
 * lets through (the stand-in's reading); a 429 on a burst Slack refuses is waited out as asked. Its
 * workspace-wide limit has no documented number, so none is paced here.
 */
export const POST_MESSAGE_PER_CHANNEL = { limit: 3, windowMs: 3_000 } as const;

/** The budget one call of a tiered method spends. */
export function methodBudget(method: TieredMethod): PaceBudget {
  return { key: method, limit: TIER_PER_MINUTE[METHOD_TIERS[method]], windowMs: MINUTE_WINDOW_MS };
}

/** The budget one chat.postMessage to `channel` spends. */
export function postMessageBudget(channel: string): PaceBudget {
  return { key: `chat.postMessage ${channel}`, ...POST_MESSAGE_PER_CHANNEL };
}
