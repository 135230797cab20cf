import type { BusinessCalendar, Holiday } from "../../core/businessHours.ts";
import { localDateOf } from "../../core/localTime.ts";

/** The calendar's holidays from today (in its zone) on. */
export function upcomingHolidays(calendar: BusinessCalendar, now: number): Holiday[] {
  const today = localDateOf(now, calendar.timeZone);
  return calendar.holidays.filter((h) => h.date >= today);
}
