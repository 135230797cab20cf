import type { BusinessCalendar } from "./businessHours.ts";
import { fail } from "./domainError.ts";
import { instantAt, isoDateOf, type LocalDay, parseClockMinutes, weekdayOf } from "./localTime.ts";

export type Span = readonly [start: number, end: number];

/** One calendar's business days as instants, each worked out once: a time-zone conversion costs microseconds. */
export interface CalendarDays {
  /** The day's business spans as instants, merged and sorted; none on a holiday. */
  spansOn(day: LocalDay): readonly Span[];
  /** Business milliseconds of the local days [first, end). */
  totalOf(first: LocalDay, end: LocalDay): number;
}

// A few calendars at most (each change of hours or holidays makes a new one); the oldest is dropped beyond that.
const CALENDARS_KEPT = 4;
// Days near now and near the cases' openings: a day's spans are a few dozen bytes.
const SPAN_DAYS_KEPT = 2_048;

const byContent = new Map<string, CalendarDays>();
const byObject = new WeakMap<BusinessCalendar, CalendarDays>();

/** The kept days of `cal`: by object for the calls of one read, by content across reads. */
export function calendarDays(cal: BusinessCalendar): CalendarDays {
  const seen = byObject.get(cal);
  if (seen) return seen;
  const key = JSON.stringify([cal.timeZone, cal.weekly, cal.holidays]);
  let days = byContent.get(key);
  if (!days) {
    days = keptDays(cal);
    byContent.set(key, days);
    if (byContent.size > CALENDARS_KEPT) byContent.delete(byContent.keys().next().value ?? key);
  }
  byObject.set(cal, days);
  return days;
}

function keptDays(cal: BusinessCalendar): CalendarDays {
  const spans = new Map<LocalDay, readonly Span[]>();
  const dayTotal = (day: LocalDay) => daySpans(cal, day).reduce((sum, [start, end]) => sum + end - start, 0);
  let firstDay: LocalDay | undefined;
  // sums[i]: business milliseconds of the days [firstDay, firstDay + i), extended as reads reach further.
  let sums: number[] = [0];
  const cover = (first: LocalDay, end: LocalDay): LocalDay => {
    if (firstDay === undefined) firstDay = first;
    if (first < firstDay) {
      const earlier = [0];
      for (let day = first; day < firstDay; day++) earlier.push((earlier.at(-1) ?? 0) + dayTotal(day));
      const shift = earlier.pop() ?? 0;
      sums = [...earlier, ...sums.map((sum) => sum + shift)];
      firstDay = first;
    }
    for (let day = firstDay + sums.length - 1; day < end; day++) sums.push((sums.at(-1) ?? 0) + dayTotal(day));
    return firstDay;
  };
  return {
    spansOn(day) {
      const kept = spans.get(day);
      if (kept) return kept;
      const worked = daySpans(cal, day);
      if (spans.size >= SPAN_DAYS_KEPT) spans.clear();
      spans.set(day, worked);
      return worked;
    },
    totalOf(first, end) {
      if (end <= first) return 0;
      const base = cover(first, end);
      return (sums[end - base] ?? 0) - (sums[first - base] ?? 0);
    },
  };
}

function daySpans(cal: BusinessCalendar, day: LocalDay): Span[] {
  const key = isoDateOf(day);
  if (cal.holidays.some((h) => h.date === key)) return [];
  const spans = cal.weekly[weekdayOf(day)]
    .map(
      (span): Span => [
        instantAt(day, clockMinutes(span.start), cal.timeZone),
        instantAt(day, clockMinutes(span.end), cal.timeZone),
      ],
    )
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  return mergeOverlapping(spans);
}

function mergeOverlapping(sorted: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) merged[merged.length - 1] = [last[0], Math.max(last[1], span[1])];
    else merged.push(span);
  }
  return merged;
}

/** Minutes after local midnight of "HH:MM", where "24:00" is the end of the day. */
export function clockMinutes(hhmm: string): number {
  const minutes = parseClockMinutes(hhmm, { endOfDay: true });
  if (minutes === undefined) fail("invalid_input", `Business hours must be written HH:MM, not "${hhmm}".`);
  return minutes;
}
