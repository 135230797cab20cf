import { type BusinessCalendar, holidayOn } from "./businessHours.ts";
import { fail } from "./domainError.ts";
import { instantAt, isMondayToFriday, localDateOf, localDayOf, localTimeOf, parseClockMinutes } from "./localTime.ts";

/** DESIGN §4 on-call: layered schedules of rotations, with overrides. All instants are epoch ms. */
export interface Rotation {
  /** Slack user ids, in hand-off order. */
  readonly users: readonly string[];
  /** Epoch ms of the first hand-off; must fall on `handoffTime` in the layer's zone. */
  readonly startsAt: number;
  /** A whole number of local days, in hours: 24 for daily, 168 for weekly. */
  readonly lengthHours: number;
  /** Local wall-clock time of every hand-off, "HH:MM". */
  readonly handoffTime: string;
}

export type LayerWindow =
  /** Starts on a weekday (Mon–Fri) at `from` and ends at `to`, the next day when `to` is not after `from`. */
  | { kind: "weekday_evenings"; from: string; to: string }
  /** All of Saturday and Sunday, local time. */
  | { kind: "weekends" }
  /** All of each listed local date (YYYY-MM-DD), read in `timeZone` (the calendar's), else the layer's zone. */
  | { kind: "holidays"; dates: readonly string[]; timeZone?: string }
  | { kind: "always" };

export const LAYER_WINDOW_KINDS = [
  "always",
  "weekday_evenings",
  "weekends",
  "holidays",
] as const satisfies readonly LayerWindow["kind"][];

export interface ScheduleLayer {
  readonly name: string;
  readonly timeZone: string;
  readonly rotation: Rotation;
  readonly window: LayerWindow;
}

export interface Override {
  userId: string;
  /** Covers [from, to). */
  from: number;
  to: number;
  /** Covers only this user's turns as primary; absent = covers whoever is primary. */
  replaces?: string;
}

export interface Schedule {
  name: string;
  /** Later layers win where they apply. */
  layers: readonly ScheduleLayer[];
  /** Applied in order, so a later override wins over (or covers) an earlier one. */
  overrides: readonly Override[];
  /** Secondary = the person this many places after the primary in the rotation; default 1. */
  secondaryOffset?: number;
  /**
   * People who cannot take pages (no paging role, or the bot): passed over, not removed, so their turn goes
   * to the next person in the rotation, everyone else keeps theirs, and their overrides are ignored.
   */
  unavailable?: ReadonlySet<string>;
}

export interface OnCall {
  primary: string;
  secondary: string | undefined;
  /** The layer whose rotation applies, or the schedule's name when only an override covers the instant. */
  layer: string;
  viaOverride: boolean;
}

export interface Handoff {
  at: number;
  primary: string;
  layer: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// How far nextHandoffs looks ahead: it runs inside the overview's transaction, and a rotation hands off at
// least every 28 days, so eight weeks shows the next turns of every rotation.
const HANDOFF_SEARCH_DAYS = 8 * 7;

function clockMinutes(value: string, what: string): number {
  const minutes = parseClockMinutes(value);
  if (minutes === undefined) fail("invalid_input", `${what} must be a 24-hour "HH:MM" time, got "${value}".`);
  return minutes;
}

function rotationDays(layer: ScheduleLayer): number {
  const { lengthHours } = layer.rotation;
  if (!Number.isInteger(lengthHours) || lengthHours <= 0 || lengthHours % 24 !== 0) {
    fail(
      "invalid_input",
      `Layer "${layer.name}": rotation length must be a positive multiple of 24 hours, got ${lengthHours}.`,
    );
  }
  return lengthHours / 24;
}

interface RotationShape {
  days: number;
  handoffMinute: number;
  firstDay: number;
}

// A layer's checked rotation, per layer object: hand-off searches ask about the same layers at dozens of instants.
const checkedRotations = new WeakMap<ScheduleLayer, RotationShape>();

function checkedRotation(layer: ScheduleLayer): RotationShape {
  const known = checkedRotations.get(layer);
  if (known) return known;
  const { rotation, timeZone } = layer;
  if (rotation.users.length === 0) fail("invalid_input", `Layer "${layer.name}": rotation has no users.`);
  const days = rotationDays(layer);
  const handoffMinute = clockMinutes(rotation.handoffTime, `Layer "${layer.name}" hand-off time`);
  const firstDay = localDayOf(rotation.startsAt, timeZone);
  if (instantAt(firstDay, handoffMinute, timeZone) !== rotation.startsAt) {
    fail("invalid_input", `Layer "${layer.name}": rotation must start at its hand-off time ${rotation.handoffTime}.`);
  }
  const shape = { days, handoffMinute, firstDay };
  checkedRotations.set(layer, shape);
  return shape;
}

/** Index into the rotation's users at `at`, or undefined before the first hand-off. */
function rotationIndex(layer: ScheduleLayer, at: number): number | undefined {
  const { rotation, timeZone } = layer;
  const { days, handoffMinute, firstDay } = checkedRotation(layer);
  // Count turns in local days so a hand-off keeps its wall-clock time across DST changes.
  let turn = Math.floor((localDayOf(at, timeZone) - firstDay) / days);
  if (at < instantAt(firstDay + turn * days, handoffMinute, timeZone)) turn -= 1;
  return turn < 0 ? undefined : turn % rotation.users.length;
}

function layerApplies(layer: ScheduleLayer, at: number): boolean {
  const { window } = layer;
  const { day, minuteOfDay } = localTimeOf(at, layer.timeZone);
  switch (window.kind) {
    case "always":
      return true;
    case "weekends":
      return !isMondayToFriday(day);
    case "holidays":
      return window.dates.includes(localDateOf(at, window.timeZone ?? layer.timeZone));
    case "weekday_evenings": {
      const from = clockMinutes(window.from, `Layer "${layer.name}" window start`);
      const to = clockMinutes(window.to, `Layer "${layer.name}" window end`);
      const workday = isMondayToFriday(day);
      if (from < to) return workday && minuteOfDay >= from && minuteOfDay < to;
      // The morning part runs on from the evening before and also opens each weekday: so Friday night goes
      // on into Saturday, and Monday's early hours are covered after a weekend layer ends at midnight.
      return (workday && minuteOfDay >= from) || ((isMondayToFriday(day - 1) || workday) && minuteOfDay < to);
    }
  }
}

function rotationOnCall(
  schedule: Schedule,
  at: number,
): { primary: string; secondary?: string; layer: string } | undefined {
  const unavailable = schedule.unavailable ?? new Set<string>();
  for (const layer of [...schedule.layers].reverse()) {
    if (!layerApplies(layer, at)) continue;
    const index = rotationIndex(layer, at);
    if (index === undefined) continue;
    const { users } = layer.rotation;
    // The rotation from this turn's person onwards, without those who cannot take pages.
    const order = [...users.slice(index), ...users.slice(0, index)].filter((u) => !unavailable.has(u));
    const [primary] = order;
    // Nobody in this layer can take pages: the layer below applies, as if this one did not.
    if (primary === undefined) continue;
    const offset = schedule.secondaryOffset ?? 1;
    return { primary, secondary: order[offset % order.length], layer: layer.name };
  }
  return undefined;
}

/** Who holds the pager at `at`: the rotation of the last layer that applies, then overrides in order. */
export function whoIsOnCall(schedule: Schedule, at: number): OnCall | undefined {
  const offset = schedule.secondaryOffset ?? 1;
  if (!Number.isInteger(offset) || offset < 1) {
    fail("invalid_input", `Schedule "${schedule.name}": secondary offset must be a positive integer, got ${offset}.`);
  }
  const fromRotation = rotationOnCall(schedule, at);
  let primary = fromRotation?.primary;
  let viaOverride = false;
  for (const override of schedule.overrides) {
    if (at < override.from || at >= override.to || schedule.unavailable?.has(override.userId)) continue;
    if (override.replaces !== undefined && override.replaces !== primary) continue;
    primary = override.userId;
    viaOverride = true;
  }
  if (primary === undefined) return undefined;
  const secondary = fromRotation?.secondary;
  return {
    primary,
    // Someone cannot back themselves up: a one-person rotation, or an override by the secondary, leaves none.
    secondary: secondary === primary ? undefined : secondary,
    layer: fromRotation?.layer ?? schedule.name,
    viaOverride,
  };
}

/** Every instant in [fromDay, toDay) local days where a layer or override could change who is on call. */
function candidateInstants(schedule: Schedule, fromDay: number, toDay: number): number[] {
  // Minutes of the day by zone, so layers sharing a zone and hand-off time convert each instant once.
  const minutesByZone = new Map<string, Set<number>>();
  const add = (zone: string, minute: number) =>
    minutesByZone.set(zone, (minutesByZone.get(zone) ?? new Set()).add(minute));
  for (const layer of schedule.layers) {
    const { window } = layer;
    add(layer.timeZone, 0);
    add(layer.timeZone, clockMinutes(layer.rotation.handoffTime, `Layer "${layer.name}" hand-off time`));
    if (window.kind === "weekday_evenings") {
      add(layer.timeZone, clockMinutes(window.from, "window start"));
      add(layer.timeZone, clockMinutes(window.to, "window end"));
    }
    if (window.kind === "holidays" && window.timeZone) add(window.timeZone, 0);
  }
  const instants = new Set<number>();
  for (const [zone, minutes] of minutesByZone) {
    for (let day = fromDay; day < toDay; day++)
      for (const minute of minutes) instants.add(instantAt(day, minute, zone));
  }
  return [...instants];
}

/**
 * Whether no rotation can change hands from `from` on, so only overrides can: no layers, or a top layer that
 * always applies, has begun, and has one person who can take pages.
 */
function rotationsSettled(schedule: Schedule, from: number): boolean {
  const top = schedule.layers.at(-1);
  if (!top) return true;
  if (top.window.kind !== "always" || top.rotation.startsAt > from) return false;
  const available = top.rotation.users.filter((u) => !schedule.unavailable?.has(u));
  return new Set(available).size === 1;
}

/** The next `count` times after `from`, within HANDOFF_SEARCH_DAYS, when a new person takes the pager, in time order. */
export function nextHandoffs(schedule: Schedule, from: number, count: number): Handoff[] {
  const until = from + HANDOFF_SEARCH_DAYS * DAY_MS;
  const overrideEdges = schedule.overrides.flatMap((o) => [o.from, o.to]);
  const handoffs: Handoff[] = [];
  let current = whoIsOnCall(schedule, from)?.primary;
  const visit = (instants: readonly number[]) => {
    const ahead = [...new Set(instants)].filter((t) => t > from && t < until).sort((a, b) => a - b);
    for (const at of ahead) {
      if (handoffs.length >= count) return;
      const onCall = whoIsOnCall(schedule, at);
      if (onCall && onCall.primary !== current) handoffs.push({ at, primary: onCall.primary, layer: onCall.layer });
      current = onCall?.primary;
    }
  };
  if (rotationsSettled(schedule, from)) {
    visit(overrideEdges);
    return handoffs;
  }
  // Day numbers are counted in UTC here; one spare day each side covers every zone's offset. Chunks double from
  // two days: App Home's one next hand-off is usually near, and a long search still takes a few chunks.
  for (
    let chunk = Math.floor(from / DAY_MS) - 1, days = 2;
    chunk * DAY_MS < until && handoffs.length < count;
    chunk += days, days *= 2
  ) {
    const [start, end] = [chunk * DAY_MS, (chunk + days) * DAY_MS];
    visit(
      [...candidateInstants(schedule, chunk - 1, chunk + days + 1), ...overrideEdges].filter(
        (t) => t >= start && t < end,
      ),
    );
  }
  return handoffs;
}

/** The start of a stretch a person holds the pager on a weekend or holiday, the shift their reminder is for. */
export interface OffDayShift {
  at: number;
  primary: string;
  layer: string;
  /** The holiday's name when the shift starts on one; absent on a plain weekend day. */
  holiday?: string;
}

/** A weekend (Saturday, Sunday) or holiday local day in the calendar's zone, or undefined. */
function offDayAt(calendar: BusinessCalendar, at: number): { holiday?: string } | undefined {
  const holiday = holidayOn(calendar, at);
  if (holiday) return { holiday: holiday.name };
  return isMondayToFriday(localDayOf(at, calendar.timeZone)) ? undefined : {};
}

/**
 * Where weekend and holiday shifts start in [from, to): an instant on such a day (in the calendar's zone)
 * when someone is primary and either the primary just changed or the moment before was a working day.
 * So the Friday-evening person carrying on past midnight starts a shift at Saturday 00:00, and every
 * hand-off during the weekend starts another.
 */
export function weekendAndHolidayShifts(
  schedule: Schedule,
  calendar: BusinessCalendar,
  from: number,
  to: number,
): OffDayShift[] {
  // Day numbers are counted in UTC here; one spare day each side covers every zone's offset.
  const fromDay = Math.floor(from / DAY_MS) - 1;
  const toDay = Math.ceil(to / DAY_MS) + 1;
  const midnights: number[] = [];
  for (let day = fromDay; day < toDay; day++) midnights.push(instantAt(day, 0, calendar.timeZone));
  const instants = [
    ...candidateInstants(schedule, fromDay, toDay),
    ...schedule.overrides.flatMap((o) => [o.from, o.to]),
    ...midnights,
  ].filter((at) => at >= from && at < to);
  const shifts: OffDayShift[] = [];
  for (const at of [...new Set(instants)].sort((a, b) => a - b)) {
    const onCall = whoIsOnCall(schedule, at);
    const offDay = onCall && offDayAt(calendar, at);
    if (!onCall || !offDay) continue;
    // Nothing changes between candidate instants, so the millisecond before shows the state before.
    const before = whoIsOnCall(schedule, at - 1);
    if (before?.primary === onCall.primary && offDayAt(calendar, at - 1)) continue;
    shifts.push({ at, primary: onCall.primary, layer: onCall.layer, ...offDay });
  }
  return shifts;
}
