import type { Holiday } from "../../core/businessHours.ts";
import { localDateOf } from "../../core/localTime.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { upcomingHolidays } from "./upcomingHolidays.ts";

const RECENT_HOLIDAY_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

export interface HolidayList {
  timeZone: string;
  upcoming: Holiday[];
  /** Holidays of the last RECENT_HOLIDAY_DAYS days, most recent first. */
  recent: Holiday[];
}

/** Upcoming holidays first, then those of the last month. */
export function loadHolidayList(deps: FlowDeps, actor: string): HolidayList {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.read");
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    const today = localDateOf(now, calendar.timeZone);
    const monthAgo = localDateOf(now - RECENT_HOLIDAY_DAYS * DAY_MS, calendar.timeZone);
    return {
      timeZone: calendar.timeZone,
      upcoming: upcomingHolidays(calendar, now),
      recent: calendar.holidays.filter((h) => h.date >= monthAgo && h.date < today).reverse(),
    };
  });
}
