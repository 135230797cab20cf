import { addBusinessMinutes, type BusinessCalendar, businessMillisecondsBetween } from "./businessHours.ts";
import { type CaseStatus, pausesSlaClock } from "./lifecycle.ts";
import { type ClockTarget, type Severity, severityPolicy } from "./severity.ts";

export type SlaClockName = "first_response" | "resolution";

export type SlaFactKind = "opened" | "status" | "party_contact" | "decision" | "resolved";

/** One timeline event as the SLA clocks see it; `status` is the case status from `at` on, when it changed. */
export interface SlaFact {
  at: number;
  kind: SlaFactKind;
  status?: CaseStatus;
}

export interface SlaClockState {
  name: SlaClockName;
  target: ClockTarget;
  /** Whole minutes counted so far (business minutes for a business target). */
  elapsedMinutes: number;
  /** When the clock breaches (or breached) if it keeps running; null while paused, once fulfilled, or before opening. */
  dueAt: number | null;
  fulfilledAt: number | null;
  breached: boolean;
  paused: boolean;
  /** elapsed / target: the reminder thresholds are read against this. */
  fraction: number;
}

export interface SlaClocksInput {
  severity: Severity;
  calendar: BusinessCalendar;
  facts: readonly SlaFact[];
  now: number;
}

const MINUTE_MS = 60_000;
const CLOCK_NAMES: readonly SlaClockName[] = ["first_response", "resolution"];

// DESIGN §4: a party-facing contact or a decision answers the case; only resolving it ends it.
const FULFILLED_BY: Readonly<Record<SlaClockName, readonly SlaFactKind[]>> = {
  first_response: ["party_contact", "decision"],
  resolution: ["resolved"],
};

const REMINDER_THRESHOLDS = [0.5, 0.9, 1] as const;

/** Reminders go out at 50 % and 90 % of a target and at breach (DESIGN §4). */
export function reminderThresholds(): typeof REMINDER_THRESHOLDS {
  return REMINDER_THRESHOLDS;
}

/** Each SLA clock of the case as of `now`, from its timeline; facts after `now` are not counted. */
export function slaClocks(input: SlaClocksInput): SlaClockState[] {
  const facts = input.facts.filter((f) => f.at <= input.now).sort((a, b) => a.at - b.at);
  const policy = severityPolicy(input.severity);
  const targets: Record<SlaClockName, ClockTarget> = {
    first_response: policy.firstResponse,
    resolution: policy.resolution,
  };
  return CLOCK_NAMES.map((name) => clockState(name, targets[name], input.calendar, facts, input.now));
}

function clockState(
  name: SlaClockName,
  target: ClockTarget,
  calendar: BusinessCalendar,
  facts: readonly SlaFact[],
  now: number,
): SlaClockState {
  const opened = facts.find((f) => f.kind === "opened");
  if (!opened) {
    return {
      name,
      target,
      elapsedMinutes: 0,
      dueAt: null,
      fulfilledAt: null,
      breached: false,
      paused: false,
      fraction: 0,
    };
  }
  const counting = clockCounting(target, calendar);
  const targetMs = target.minutes * MINUTE_MS;
  const fulfilledAt = facts.find((f) => f.at >= opened.at && FULFILLED_BY[name].includes(f.kind))?.at ?? null;
  const { intervals, paused } = runningIntervals(facts, opened.at, fulfilledAt ?? now);

  let elapsedMs = 0;
  let breachAt: number | null = null;
  for (const [from, to] of intervals) {
    const length = counting.between(from, to);
    if (breachAt === null && elapsedMs + length >= targetMs) breachAt = counting.advance(from, targetMs - elapsedMs);
    elapsedMs += length;
  }

  // Fulfilled exactly at the due instant is on time.
  const breached = breachAt !== null && (fulfilledAt === null || breachAt < fulfilledAt);
  const running = fulfilledAt === null && !paused;
  return {
    name,
    target,
    elapsedMinutes: Math.floor(elapsedMs / MINUTE_MS),
    dueAt: running ? (breachAt ?? counting.advance(now, targetMs - elapsedMs)) : null,
    fulfilledAt,
    breached,
    paused: fulfilledAt === null && paused,
    fraction: targetMs === 0 ? 1 : elapsedMs / targetMs,
  };
}

interface ClockCounting {
  /** Counted milliseconds in [from, to). */
  between(from: number, to: number): number;
  /** The instant after `from` at which `ms` more counted milliseconds have passed. */
  advance(from: number, ms: number): number;
}

function clockCounting(target: ClockTarget, calendar: BusinessCalendar): ClockCounting {
  if (target.clock === "calendar") {
    return { between: (from, to) => Math.max(0, to - from), advance: (from, ms) => from + ms };
  }
  return {
    between: (from, to) => businessMillisecondsBetween(calendar, from, to),
    advance: (from, ms) => addBusinessMinutes(calendar, from, ms / MINUTE_MS),
  };
}

/** The stretches of [openedAt, stopAt] spent in statuses that do not pause the clock, and the status at stopAt. */
function runningIntervals(
  facts: readonly SlaFact[],
  openedAt: number,
  stopAt: number,
): { intervals: Array<readonly [number, number]>; paused: boolean } {
  const intervals: Array<readonly [number, number]> = [];
  let status: CaseStatus = "new";
  let since = openedAt;
  for (const fact of facts) {
    if (fact.at > stopAt) break;
    if (fact.status === undefined || fact.at < openedAt) continue;
    if (!pausesSlaClock(status) && fact.at > since) intervals.push([since, fact.at]);
    status = fact.status;
    since = fact.at;
  }
  if (!pausesSlaClock(status) && stopAt > since) intervals.push([since, stopAt]);
  return { intervals, paused: pausesSlaClock(status) };
}
