import { TZDate } from "@date-fns/tz";
import { fail } from "./domainError.ts";

/** Wall-clock times as people type them, read in a calendar's zone. */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `YYYY-MM-DD` as a real calendar date, or undefined. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return undefined;
  }
  return { year, month, day };
}

/** Minutes after local midnight of a 24-hour `HH:MM`, or undefined. */
export function parseClockMinutes(text: string): number | undefined {
  const match = CLOCK_TIME.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

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
  const date = match ? parseIsoDate(`${match[1]}-${match[2]}-${match[3]}`) : undefined;
  const minutes = match ? parseClockMinutes(`${match[4]}:${match[5]}`) : undefined;
  if (!date || minutes === undefined) {
    fail("invalid_input", `${what} must be a local date and time such as 2026-11-28 09:00, not "${text}".`);
  }
  const at = new TZDate(
    date.year,
    date.month - 1,
    date.day,
    Math.floor(minutes / 60),
    minutes % 60,
    timeZone,
  ).getTime();
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
  const local = new TZDate(now, timeZone);
  for (let back = 0; back <= 2; back++) {
    const candidate = new TZDate(
      local.getFullYear(),
      local.getMonth(),
      local.getDate() - back,
      Math.floor(minutes / 60),
      minutes % 60,
      timeZone,
    ).getTime();
    if (candidate <= now) return candidate;
  }
  throw new Error("a local time two days back is always in the past");
}

/** `YYYY-MM-DD HH:MM` of an instant in `timeZone`, for replies that name the zone beside it. */
export function formatLocal(at: number, timeZone: string): string {
  const d = new TZDate(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The local date (YYYY-MM-DD) of an instant in `timeZone`; such dates compare as strings. */
export function localDateOf(at: number, timeZone: string): string {
  return formatLocal(at, timeZone).slice(0, 10);
}
