import { calendarDays, clockMinutes, type Span } from "./calendarDays.ts";
import { fail } from "./domainError.ts";
import { type LocalDay, localDateOf, localDayOf, MINUTES_PER_DAY, WEEKDAYS, type Weekday } from "./localTime.ts";

// The calendar's weekly hours are keyed by weekday, so its users find the type here too.
export type { Weekday } from "./localTime.ts";

/** Local wall-clock hours, "HH:MM" on a 24-hour clock; `end` may be "24:00" and must follow `start`. */
export interface BusinessHoursSpan {
  start: string;
  end: string;
}

export interface Holiday {
  /** YYYY-MM-DD, a date in the calendar's zone. */
  date: string;
  name: string;
}

export interface BusinessCalendar {
  /** IANA zone the weekly hours and holiday dates are read in. */
  timeZone: string;
  weekly: Readonly<Record<Weekday, readonly BusinessHoursSpan[]>>;
  /** Out of hours for the whole local day. */
  holidays: readonly Holiday[];
}

const MINUTE_MS = 60_000;
// A calendar with no business hours for this long cannot be meant; refuse it rather than loop forever.
const MAX_DAYS_WITHOUT_HOURS = 400;

const OFFICE_DAY: readonly BusinessHoursSpan[] = [{ start: "09:00", end: "17:00" }];

/** Monday to Friday, 09:00–17:00 local (eight hours, one `BUSINESS_DAY_MINUTES`), no holidays. */
export function defaultCalendar(timeZone: string): BusinessCalendar {
  return {
    timeZone,
    weekly: { 0: [], 1: OFFICE_DAY, 2: OFFICE_DAY, 3: OFFICE_DAY, 4: OFFICE_DAY, 5: OFFICE_DAY, 6: [] },
    holidays: [],
  };
}

export function isBusinessTime(cal: BusinessCalendar, at: number): boolean {
  return businessSpansOn(cal, localDayOf(at, cal.timeZone)).some(([start, end]) => start <= at && at < end);
}

export function holidayOn(cal: BusinessCalendar, at: number): Holiday | undefined {
  const key = localDateOf(at, cal.timeZone);
  return cal.holidays.find((h) => h.date === key);
}

/** The instant at which `minutes` business minutes have elapsed after `from` (fractions allowed). */
export function addBusinessMinutes(cal: BusinessCalendar, from: number, minutes: number): number {
  if (!(minutes >= 0)) fail("invalid_input", "Business minutes to add must be zero or more.");
  let remaining = minutes * MINUTE_MS;
  if (remaining === 0) return from;
  for (const [start, end] of businessSpansFrom(cal, from)) {
    if (end - start >= remaining) return start + remaining;
    remaining -= end - start;
  }
  return unreachable();
}

/** Whole minutes of business time in [from, to); zero when `to` is not after `from`. */
export function businessMinutesBetween(cal: BusinessCalendar, from: number, to: number): number {
  return Math.floor(businessMillisecondsBetween(cal, from, to) / MINUTE_MS);
}

/**
 * Business time in [from, to) to the millisecond, for callers that sum many short intervals. Days two or more
 * from either end lie wholly inside the range (even where a clock change repeats midnight): their sum is read
 * from `calendarDays`, so a clock running for years costs about what one running for a week does.
 */
export function businessMillisecondsBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  const firstDay = localDayOf(from, cal.timeZone);
  const lastDay = localDayOf(to, cal.timeZone);
  const within = (day: LocalDay) =>
    businessSpansOn(cal, day).reduce(
      (sum, [start, end]) => sum + Math.max(0, Math.min(end, to) - Math.max(start, from)),
      0,
    );
  const edgeDays = [firstDay, firstDay + 1, lastDay - 1, lastDay];
  if (lastDay - firstDay < edgeDays.length) {
    return Array.from({ length: lastDay - firstDay + 1 }, (_, i) => within(firstDay + i)).reduce((a, b) => a + b, 0);
  }
  return edgeDays.reduce((sum, day) => sum + within(day), calendarDays(cal).totalOf(firstDay + 2, lastDay - 1));
}

/** `at` itself during business time, otherwise the instant business time next begins. */
export function nextBusinessStart(cal: BusinessCalendar, at: number): number {
  for (const [start] of businessSpansFrom(cal, at)) return start;
  return unreachable();
}

/**
 * Weekly hours as a calendar may hold them: every span "HH:MM" (end up to "24:00") ending after it
 * starts, no two overlapping on a day, and some business time in the week. Returns each day sorted.
 */
export function checkWeeklyHours(
  weekly: Readonly<Record<Weekday, readonly BusinessHoursSpan[]>>,
): Record<Weekday, BusinessHoursSpan[]> {
  const checked = {} as Record<Weekday, BusinessHoursSpan[]>;
  for (const weekday of WEEKDAYS) {
    const spans = weekly[weekday]
      .map((span) => ({ span, start: clockMinutes(span.start), end: clockMinutes(span.end) }))
      .sort((a, b) => a.start - b.start);
    spans.forEach(({ span, start, end }, i) => {
      if (start >= MINUTES_PER_DAY || end <= start) {
        fail("invalid_input", `Business hours ${span.start}–${span.end} must end after they start, on the same day.`);
      }
      const previous = spans[i - 1];
      if (previous && start < previous.end) {
        fail(
          "invalid_input",
          `Business hours ${previous.span.start}–${previous.span.end} and ${span.start}–${span.end} overlap.`,
        );
      }
    });
    checked[weekday] = spans.map(({ span }) => ({ start: span.start, end: span.end }));
  }
  if (WEEKDAYS.every((weekday) => checked[weekday].length === 0)) {
    fail("invalid_input", "A week with no business hours at all cannot be meant; keep at least one day open.");
  }
  return checked;
}

export interface BusinessTimeNow {
  open: boolean;
  /** When business time ends (if open) or next begins; undefined when it never ends (open around the clock). */
  changesAt: number | undefined;
}

// Following abutting spans (a day open until 24:00, the next from 00:00) this far is "around the clock".
const MAX_ABUTTING_SPANS = 60;

/** Whether `at` is business time, and when that next changes. */
export function businessTimeAt(cal: BusinessCalendar, at: number): BusinessTimeNow {
  if (!isBusinessTime(cal, at)) return { open: false, changesAt: nextBusinessStart(cal, at) };
  let end = at;
  let followed = 0;
  for (const [start, spanEnd] of businessSpansFrom(cal, at)) {
    if (start > end) return { open: true, changesAt: end };
    end = Math.max(end, spanEnd);
    if (++followed > MAX_ABUTTING_SPANS) return { open: true, changesAt: undefined };
  }
  return unreachable();
}

/** Business spans from `from` onward, clipped to start no earlier than `from`, in order. */
function* businessSpansFrom(cal: BusinessCalendar, from: number): Generator<Span> {
  let daysWithoutHours = 0;
  for (let day = localDayOf(from, cal.timeZone); ; day++) {
    const spans = businessSpansOn(cal, day).filter(([, end]) => end > from);
    daysWithoutHours = spans.length === 0 ? daysWithoutHours + 1 : 0;
    if (daysWithoutHours > MAX_DAYS_WITHOUT_HOURS) {
      fail("invalid_input", `The business calendar for ${cal.timeZone} has no business hours within a year.`);
    }
    for (const [start, end] of spans) yield [Math.max(start, from), end];
  }
}

/** The day's business spans as instants, merged and sorted; none on a holiday. */
function businessSpansOn(cal: BusinessCalendar, day: LocalDay): readonly Span[] {
  return calendarDays(cal).spansOn(day);
}

function unreachable(): never {
  throw new Error("business spans are endless; the generator fails before running out");
}
