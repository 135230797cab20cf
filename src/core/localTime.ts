import { TZDate, tzOffset } from "@date-fns/tz";
import { fail } from "./domainError.ts";

/**
 * Local wall-clock time, the one vocabulary for it: `HH:MM` clock times, calendar dates, weekdays and
 * zones as people read them, and the instants they name in an IANA zone across DST changes.
 */

/** 0 = Sunday, as in `Date#getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** A calendar date as whole days since 1970-01-01, so dates add, subtract and compare as numbers. */
export type LocalDay = number;

/** What a wall clock and calendar in some zone show at an instant. */
export interface LocalTime {
  day: LocalDay;
  /** Minutes after local midnight, 0 to 1439. */
  minuteOfDay: number;
}

export const MINUTES_PER_DAY = 24 * 60;
const DAY_MS = MINUTES_PER_DAY * 60_000;

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Minutes after local midnight of a 24-hour `HH:MM`, or undefined. With `endOfDay`, "24:00" is accepted
 * too, as the end of a span that runs to midnight.
 */
export function parseClockMinutes(text: string, { endOfDay = false } = {}): number | undefined {
  if (endOfDay && text === "24:00") return MINUTES_PER_DAY;
  const match = CLOCK_TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function formatClockMinutes(minuteOfDay: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

/** `YYYY-MM-DD` as a real calendar date, or undefined. */
export function parseIsoDate(text: string): LocalDay | undefined {
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return undefined;
  }
  return probe.getTime() / DAY_MS;
}

/** `YYYY-MM-DD` of a local day; such dates compare as strings. */
export function isoDateOf(day: LocalDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(day: LocalDay): Weekday {
  // Day 0, 1970-01-01, was a Thursday; the remainder is kept in 0–6 for days before it too.
  return ((((day + 4) % 7) + 7) % 7) as Weekday;
}

/** Monday to Friday. */
export function isMondayToFriday(day: LocalDay): boolean {
  const weekday = weekdayOf(day);
  return weekday >= 1 && weekday <= 5;
}

/**
 * Quarter hours, in which a zone's UTC offset is looked up once: Intl formats a date to find it (a quarter of App
 * Home's CPU went there, SLA clocks and on-call asking for the same days again and again). Offsets change months
 * apart, so one found equal at both ends of a quarter hour holds all through it; a quarter hour holding a change
 * is not cached.
 */
const OFFSET_SPAN_MS = 15 * 60_000;
/** Quarter hours remembered per zone before the zone's memory starts afresh (a few hundred KB at most). */
const OFFSETS_KEPT = 20_000;
const offsetsByZone = new Map<string, Map<number, number>>();

/** `tzOffset` (minutes east of UTC, NaN for an unknown zone), remembered per quarter hour where it cannot change. */
function offsetMinutesAt(at: number, timeZone: string): number {
  const span = Math.floor(at / OFFSET_SPAN_MS);
  let offsets = offsetsByZone.get(timeZone);
  const known = offsets?.get(span);
  if (known !== undefined) return known;
  const start = tzOffset(timeZone, new Date(span * OFFSET_SPAN_MS));
  const end = tzOffset(timeZone, new Date((span + 1) * OFFSET_SPAN_MS - 1));
  if (start !== end) return tzOffset(timeZone, new Date(at));
  if (offsets === undefined || offsets.size >= OFFSETS_KEPT) {
    offsets = new Map();
    offsetsByZone.set(timeZone, offsets);
  }
  offsets.set(span, start);
  return start;
}

/** The local date and wall-clock minute of `at` in `timeZone`. */
export function localTimeOf(at: number, timeZone: string): LocalTime {
  const offset = offsetMinutesAt(at, timeZone);
  if (Number.isNaN(offset)) fail("invalid_input", `Unknown time zone "${timeZone}".`);
  // A historical offset in seconds (local mean time, before 1900) is left to TZDate's own arithmetic.
  if (!Number.isInteger(offset)) return localTimeByTZDate(at, timeZone);
  const local = at + offset * 60_000;
  const day = Math.floor(local / DAY_MS);
  return { day, minuteOfDay: Math.floor((local - day * DAY_MS) / 60_000) };
}

function localTimeByTZDate(at: number, timeZone: string): LocalTime {
  const local = new TZDate(at, timeZone);
  return {
    day: Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS,
    minuteOfDay: local.getHours() * 60 + local.getMinutes(),
  };
}

export function localDayOf(at: number, timeZone: string): LocalDay {
  return localTimeOf(at, timeZone).day;
}

/** The local date (YYYY-MM-DD) of an instant in `timeZone`; such dates compare as strings. */
export function localDateOf(at: number, timeZone: string): string {
  return isoDateOf(localDayOf(at, timeZone));
}

/** `YYYY-MM-DD HH:MM` of an instant in `timeZone`, for replies that name the zone beside it. */
export function formatLocal(at: number, timeZone: string): string {
  const { day, minuteOfDay } = localTimeOf(at, timeZone);
  return `${isoDateOf(day)} ${formatClockMinutes(minuteOfDay)}`;
}

/**
 * The instant the clock in `timeZone` reads `minuteOfDay` on `day` (1440 is the next midnight). TZDate
 * resolves wall time, so 09:00 stays 09:00 across a DST change, and a time inside a gap moves forward as
 * a clock would.
 */
export function instantAt(day: LocalDay, minuteOfDay: number, timeZone: string): number {
  const key = `${timeZone} ${day} ${minuteOfDay}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const date = new Date(day * DAY_MS);
  const at = new TZDate(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    Math.floor(minuteOfDay / 60),
    minuteOfDay % 60,
    timeZone,
  ).getTime();
  // Business hours and hand-offs ask for the same few times of the same days on every read.
  if (instants.size >= INSTANTS_KEPT) instants.clear();
  instants.set(key, at);
  return at;
}

const INSTANTS_KEPT = 20_000;
const instants = new Map<string, number>();

// Clocks go back by 30 minutes (Lord Howe), an hour (most zones) or, historically, two hours.
const FALL_BACK_SHIFTS_MS = [30, 60, 120].map((minutes) => minutes * 60_000);

/** Whether the local clock in `timeZone` shows the same time again within a fall-back shift of `at`. */
function isRepeatedLocalTime(at: number, timeZone: string): boolean {
  const wall = formatLocal(at, timeZone);
  return FALL_BACK_SHIFTS_MS.some(
    (d) => formatLocal(at - d, timeZone) === wall || formatLocal(at + d, timeZone) === wall,
  );
}

/**
 * `YYYY-MM-DD HH:MM` (or with a `T`) as local time in `timeZone`. A time inside a DST gap moves forward
 * as a wall clock would; a time in the hour that repeats when clocks go back is refused, since it names two
 * instants and guessing one could cover the wrong hour. `what` names the field in the error.
 */
export function parseLocalDateTime(text: string, timeZone: string, what: string): number {
  const match = DATE_TIME.exec(text.trim());
  const day = match?.[1] === undefined ? undefined : parseIsoDate(match[1]);
  const minutes = match?.[2] === undefined ? undefined : parseClockMinutes(match[2]);
  if (day === undefined || minutes === undefined) {
    fail("invalid_input", `${what} must be a local date and time such as 2026-11-28 09:00, not "${text}".`);
  }
  const at = instantAt(day, minutes, timeZone);
  if (isRepeatedLocalTime(at, timeZone)) {
    fail(
      "invalid_input",
      `${what} ${text} happens twice in ${timeZone}, when the clocks go back; give a time outside the repeated hour.`,
    );
  }
  return at;
}

/** The most recent instant at or before `now` when the local clock in `timeZone` read `hhmm`. */
export function latestLocalTimeAtOrBefore(now: number, hhmm: string, timeZone: string): number {
  const minutes = parseClockMinutes(hhmm);
  if (minutes === undefined) fail("invalid_input", `A time must be written HH:MM (24-hour), not "${hhmm}".`);
  const today = localDayOf(now, timeZone);
  for (let back = 0; back <= 2; back++) {
    const candidate = instantAt(today - back, minutes, timeZone);
    if (candidate <= now) return candidate;
  }
  throw new Error("a local time two days back is always in the past");
}

/** The canonical name of an IANA time zone ("america/los_angeles" → "America/Los_Angeles"), or a DomainError. */
export function canonicalTimeZone(zone: string): string {
  const unknown = () =>
    fail("invalid_input", "That is not an IANA time zone; write one like America/Los_Angeles or Europe/Berlin.");
  // Intl also takes offsets such as "+05:00", which have no DST rules; a calendar needs a named zone.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return unknown();
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return unknown();
  }
}
