import { type CaseStatus, statusLabel } from "../../core/lifecycle.ts";
import type { ReminderThreshold, SlaClockName, SlaClockState } from "../../core/slaClock.ts";
import { type Block, context, section } from "./blocks.ts";
import type { SlackMessage } from "./consultMessages.ts";
import { mention, slackDate } from "./mrkdwn.ts";

export const SLA_CLOCK_LABELS: Readonly<Record<SlaClockName, string>> = {
  first_response: "First response",
  next_update: "Next update",
  resolution: "Resolution",
};

const MINUTE_MS = 60_000;

/**
 * "45 min", "3 h 20 min", "2 d 4 h": whole minutes, rounded down. Business time stays in hours, since
 * a business day is not 24 of them.
 */
export function formatDuration(ms: number, unit: { days: boolean } = { days: true }): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE_MS));
  const days = unit.days ? Math.floor(minutes / (24 * 60)) : 0;
  const hours = Math.floor((minutes - days * 24 * 60) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

/** Time left on a running clock; a business clock's is business time, and says so. */
function timeLeft(clock: SlaClockState): string {
  const business = clock.target.clock === "business";
  return `${formatDuration(clock.remainingMs ?? 0, { days: !business })}${business ? " of business time" : ""} left`;
}

/**
 * Where one clock stands, as the pinned summary shows it: due, paused, met or breached, each at an instant
 * Slack renders. The summary is re-rendered only on a case change, so time left is stamped "as of" the
 * render; each reminder is a case change, so the icon and the breach line turn when the clock does.
 */
export function slaClockLine(clock: SlaClockState, status: CaseStatus, now: number): string {
  const label = `*${SLA_CLOCK_LABELS[clock.name]}:*`;
  if (clock.cycleStart === null) {
    return `${label} ${clock.name === "next_update" ? "starts with the first response" : "not started"}`;
  }
  if (clock.fulfilledAt !== null) {
    return clock.breached
      ? `${label} met late ${slackDate(clock.fulfilledAt)} (breached ${slackDate(clock.breachedAt ?? clock.fulfilledAt)})`
      : `${label} :white_check_mark: met ${slackDate(clock.fulfilledAt)}`;
  }
  if (clock.paused) {
    const breached = clock.breachedAt !== null ? ` · breached ${slackDate(clock.breachedAt)}` : "";
    return `${label} :double_vertical_bar: paused (${statusLabel(status).toLowerCase()})${breached}`;
  }
  if (clock.breached && clock.breachedAt !== null) {
    return `${label} :red_circle: breached at ${slackDate(clock.breachedAt)}`;
  }
  const icon = clock.fraction >= 0.9 ? ":warning:" : ":hourglass_flowing_sand:";
  return `${label} ${icon} due ${slackDate(clock.dueAt ?? now)} · ${timeLeft(clock)} as of ${slackDate(now)}`;
}

/** The summary's SLA block: one line per clock. */
export function slaSection(clocks: readonly SlaClockState[], status: CaseStatus, now: number): Block {
  return section(`*SLA*\n${clocks.map((c) => slaClockLine(c, status, now)).join("\n")}`);
}

/** A clock at 90 % or past due, in one phrase for App Home, which is rendered afresh each time it is opened. */
export function slaRiskPhrase(clock: SlaClockState, now: number): string {
  const label = SLA_CLOCK_LABELS[clock.name];
  if (clock.breachedAt !== null) return `:red_circle: ${label} breached ${formatDuration(now - clock.breachedAt)} ago`;
  return `:warning: ${label} ${Math.floor(clock.fraction * 100)} %, ${timeLeft(clock)} · due ${slackDate(clock.dueAt ?? now)}`;
}

export interface SlaReminderInput {
  humanId: string;
  /** The case's owner, or whoever opened it while it has none; null: nobody (the triage channel is told). */
  notify: string | null;
  clock: SlaClockName;
  threshold: ReminderThreshold;
  dueAt: number;
}

/** The reminder in the case's room (the triage channel when nobody is to be mentioned) at 50 %, 90 % and breach of a clock (DESIGN §4). */
export function buildSlaReminder(input: SlaReminderInput): SlackMessage {
  const label = SLA_CLOCK_LABELS[input.clock];
  // In the triage channel, the case needs naming and the team needs the way to take it.
  const who = input.notify
    ? mention(input.notify)
    : `${input.humanId} has no owner (\`/incident assign @user ${input.humanId}\`):`;
  const text =
    input.threshold === 1
      ? `⏱ ${who} ${label} breached (was due ${slackDate(input.dueAt)}).`
      : `⏱ ${who} ${label} is ${Math.round(input.threshold * 100)} % through (due ${slackDate(input.dueAt)}).`;
  return { text, blocks: [section(text), context(`SLA reminder for ${input.humanId}`)] };
}
