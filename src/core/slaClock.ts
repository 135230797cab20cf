import { addBusinessMinutes, type BusinessCalendar, businessMillisecondsBetween } from "./businessHours.ts";
import { type CaseStatus, pausesSlaClock } from "./lifecycle.ts";
import { type ClockTarget, type Severity, type SeverityPolicy, severityPolicy } from "./severity.ts";

export const SLA_CLOCK_NAMES = ["first_response", "next_update", "resolution"] as const;
export type SlaClockName = (typeof SLA_CLOCK_NAMES)[number];

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
  /**
   * When the clock's current (or last) cycle began; null before it starts. First response and resolution
   * run one cycle from the opening and one more from each reopening by an appeal; next update starts one
   * at each party-facing contact or decision.
   */
  cycleStart: number | null;
  /** Milliseconds counted in the cycle so far (business time for a business target). */
  elapsedMs: number;
  /** Whole minutes counted so far (business minutes for a business target). */
  elapsedMinutes: number;
  /** Counted time left until breach, negative once past it; null unless the clock is running. */
  remainingMs: number | null;
  /** When the clock breaches (or breached) if it keeps running; null while paused, once fulfilled, or before it starts. */
  dueAt: number | null;
  /** The instant the cycle breached, if it did before being fulfilled. */
  breachedAt: number | null;
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

const TARGETS: Readonly<Record<SlaClockName, (policy: SeverityPolicy) => ClockTarget>> = {
  first_response: (p) => p.firstResponse,
  next_update: (p) => p.nextUpdate,
  resolution: (p) => p.resolution,
};

/** The moments of a case that start and stop its clocks, in its latest round: the opening or the last reopening. */
interface Milestones {
  openedAt: number;
  /** When the latest round began: the opening, or the last move into `appealed`. */
  roundStart: number;
  /** Party-facing contacts and decisions of the round, in time order (DESIGN §4: these answer the case). */
  answers: readonly number[];
  /** When the round was resolved; null while it is open. */
  resolvedAt: number | null;
}

interface Cycle {
  start: number;
  /** When the cycle was fulfilled or ended; null while it is open. */
  end: number | null;
}

const earliest = (...instants: Array<number | null | undefined>): number | null => {
  const known = instants.filter((at): at is number => typeof at === "number");
  return known.length === 0 ? null : Math.min(...known);
};

/**
 * How each clock runs. Resolving a case ends its first response too: a case closed with no contact
 * (triage decides it needs no action) must not keep that clock running.
 */
const CYCLES: Readonly<Record<SlaClockName, (m: Milestones) => Cycle | undefined>> = {
  first_response: (m) => ({ start: m.roundStart, end: earliest(m.answers[0], m.resolvedAt) }),
  // Each contact or decision fulfils the running cycle and starts the next; resolving ends the last one.
  next_update: (m) => {
    const start = m.answers.filter((at) => m.resolvedAt === null || at < m.resolvedAt).at(-1);
    return start === undefined ? undefined : { start, end: m.resolvedAt };
  },
  resolution: (m) => ({ start: m.roundStart, end: m.resolvedAt }),
};

const REMINDER_THRESHOLDS = [0.5, 0.9, 1] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS)[number];

/** Reminders go out at 50 % and 90 % of a target and at breach (DESIGN §4). */
export function reminderThresholds(): typeof REMINDER_THRESHOLDS {
  return REMINDER_THRESHOLDS;
}

/** Each SLA clock of the case as of `now`, from its timeline; facts after `now` are not counted. */
export function slaClocks(input: SlaClocksInput): SlaClockState[] {
  const facts = input.facts.filter((f) => f.at <= input.now).sort((a, b) => a.at - b.at);
  const policy = severityPolicy(input.severity);
  const milestones = milestonesOf(facts);
  return SLA_CLOCK_NAMES.map((name) => {
    const target = TARGETS[name](policy);
    const cycle = milestones ? CYCLES[name](milestones) : undefined;
    if (!milestones || !cycle) return notStarted(name, target);
    const counting = clockCounting(target, input.calendar);
    return cycleState({ name, target, counting, facts, openedAt: milestones.openedAt, cycle, now: input.now });
  });
}

/** The next threshold (50 %, 90 %, breach) a running clock has not reached, and the instant it will. */
export interface NextReminder {
  threshold: ReminderThreshold;
  at: number;
}

/**
 * When the running clock, computed at `now`, reaches its next reminder threshold if nothing changes; a
 * business clock advances through business time only. Undefined once breached or when not running.
 */
export function nextReminder(clock: SlaClockState, calendar: BusinessCalendar, now: number): NextReminder | undefined {
  const targetMs = clock.target.minutes * MINUTE_MS;
  const threshold = REMINDER_THRESHOLDS.find((t) => thresholdMs(t, targetMs) > clock.elapsedMs);
  if (threshold === undefined) return undefined;
  const at = thresholdReachedAt(clock, calendar, now, threshold);
  return at === undefined ? undefined : { threshold, at };
}

/** A clock at this share of its target or past it is at risk (App Home's list). */
export const AT_RISK_THRESHOLD: ReminderThreshold = 0.9;

/**
 * When the running clock, computed at `now`, reaches `threshold` of its target if nothing changes: `now`
 * once it has. Undefined when the clock is not running.
 */
export function thresholdReachedAt(
  clock: SlaClockState,
  calendar: BusinessCalendar,
  now: number,
  threshold: ReminderThreshold,
): number | undefined {
  if (clock.dueAt === null) return undefined;
  const left = thresholdMs(threshold, clock.target.minutes * MINUTE_MS) - clock.elapsedMs;
  return left <= 0 ? now : clockCounting(clock.target, calendar).advance(now, left);
}

/** The highest reminder threshold a running clock has reached; undefined below 50 % or when not running. */
export function reachedThreshold(clock: SlaClockState): ReminderThreshold | undefined {
  if (clock.dueAt === null) return undefined;
  const targetMs = clock.target.minutes * MINUTE_MS;
  return [...REMINDER_THRESHOLDS].reverse().find((t) => thresholdMs(t, targetMs) <= clock.elapsedMs);
}

// Whole milliseconds, so a reminder instant and the check at that instant agree exactly.
const thresholdMs = (threshold: ReminderThreshold, targetMs: number) => Math.round(threshold * targetMs);

/** Resolved and closed cases leave only by appeal (DESIGN §3), so a move into it reopens the case. */
const reopens = (fact: SlaFact) => fact.kind === "status" && fact.status === "appealed";

/**
 * The latest round of the case: from the opening, or from its last reopening by an appeal, since the
 * appellant is owed a response, updates and a resolution of their own. Read by position, not instant: a
 * case closed and appealed in the same millisecond is reopened after it was closed.
 */
function milestonesOf(facts: readonly SlaFact[]): Milestones | undefined {
  const openedIndex = facts.findIndex((f) => f.kind === "opened");
  const opened = facts[openedIndex];
  if (!opened) return undefined;
  const roundIndex = facts.reduce((last, f, i) => (i > openedIndex && reopens(f) ? i : last), openedIndex);
  const round = facts.slice(roundIndex);
  return {
    openedAt: opened.at,
    roundStart: round[0]?.at ?? opened.at,
    answers: round.filter((f) => f.kind === "party_contact" || f.kind === "decision").map((f) => f.at),
    resolvedAt: round.find((f) => f.kind === "resolved")?.at ?? null,
  };
}

function notStarted(name: SlaClockName, target: ClockTarget): SlaClockState {
  return {
    name,
    target,
    cycleStart: null,
    elapsedMs: 0,
    elapsedMinutes: 0,
    remainingMs: null,
    dueAt: null,
    breachedAt: null,
    fulfilledAt: null,
    breached: false,
    paused: false,
    fraction: 0,
  };
}

interface CycleInput {
  name: SlaClockName;
  target: ClockTarget;
  counting: ClockCounting;
  facts: readonly SlaFact[];
  openedAt: number;
  cycle: Cycle;
  now: number;
}

function cycleState({ name, target, counting, facts, openedAt, cycle, now }: CycleInput): SlaClockState {
  const targetMs = target.minutes * MINUTE_MS;
  const fulfilledAt = cycle.end;
  const { intervals, paused } = runningIntervals(facts, openedAt, cycle.start, fulfilledAt ?? now);

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
    cycleStart: cycle.start,
    elapsedMs,
    elapsedMinutes: Math.floor(elapsedMs / MINUTE_MS),
    remainingMs: running ? targetMs - elapsedMs : null,
    dueAt: running ? (breachAt ?? counting.advance(now, targetMs - elapsedMs)) : null,
    breachedAt: breached ? breachAt : null,
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
    // Minutes as a fraction can lose a sliver of a millisecond; instants are whole milliseconds.
    advance: (from, ms) => Math.round(addBusinessMinutes(calendar, from, ms / MINUTE_MS)),
  };
}

/**
 * The stretches of [from, stopAt] spent in statuses that do not pause the clock, and whether the status
 * at stopAt pauses it. The status is followed from the opening, so a cycle that starts later knows it.
 */
function runningIntervals(
  facts: readonly SlaFact[],
  openedAt: number,
  from: number,
  stopAt: number,
): { intervals: Array<readonly [number, number]>; paused: boolean } {
  const intervals: Array<readonly [number, number]> = [];
  let status: CaseStatus = "new";
  let since = openedAt;
  const count = (until: number) => {
    const start = Math.max(since, from);
    if (!pausesSlaClock(status) && until > start) intervals.push([start, until]);
  };
  for (const fact of facts) {
    if (fact.at > stopAt) break;
    if (fact.status === undefined || fact.at < openedAt) continue;
    count(fact.at);
    status = fact.status;
    since = fact.at;
  }
  count(stopAt);
  return { intervals, paused: pausesSlaClock(status) };
}
