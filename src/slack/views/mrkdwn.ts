import { type DomainText, type TextPart, utcMinute } from "../../core/domainText.ts";
import { COMMAND } from "../ids.ts";

/** Slack's three control characters; escaping them makes `<!channel>` or `<@U123>` typed by a user inert. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// An entity escapeMrkdwn wrote, cut short at the end of a string: "&", "&a", "&am", "&amp", "&l", "&lt"…
const CUT_ENTITY = /&(?:a(?:m(?:p)?)?|l(?:t)?|g(?:t)?)?$/;

/**
 * Escaped and bounded: the only way user text enters a mrkdwn field. The bound holds for the escaped text
 * (Slack's limits count what is sent), and a cut never splits an entity, which would show as "&l…".
 */
export function userText(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  const kept = escaped.slice(0, Math.max(0, max - 1));
  return `${kept.replace(CUT_ENTITY, "")}…`;
}

/** The first `max` items as lines, then how many were left out, so a list stays inside Slack's limits. */
export function boundedLines<T>(items: readonly T[], max: number, line: (item: T) => string): string[] {
  const lines = items.slice(0, max).map(line);
  if (items.length > max) lines.push(`…and ${items.length - max} more`);
  return lines;
}

export const mention = (userId: string) => `<@${userId}>`;
export const channelLink = (channelId: string) => `<#${channelId}>`;

/** Slack renders this in each reader's own time zone; the fallback is UTC. */
export function slackDate(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${utcMinute(ms)}>`;
}

/** A domain sentence in mrkdwn: people mentioned, instants in each reader's zone, typed text escaped. */
export function mrkdwnText(text: DomainText): string {
  return text.map(mrkdwnPart).join("");
}

function mrkdwnPart(part: TextPart): string {
  if (typeof part === "string") return part;
  if ("user" in part) return mention(part.user);
  if ("at" in part) return slackDate(part.at);
  if ("typed" in part) return userText(part.typed, part.max);
  return `${COMMAND} ${part.command}`;
}
