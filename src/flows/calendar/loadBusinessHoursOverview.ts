import { type BusinessCalendar, type BusinessTimeNow, businessTimeAt, type Holiday } from "../../core/businessHours.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { upcomingHolidays } from "./upcomingHolidays.ts";

/**
 * `/incident hours` and `/incident holiday`: leads keep the business calendar (zone, weekly hours,
 * holidays) that SLA clocks, paging and the on-call holiday layer read; everyone who works cases may see it.
 */

const HOLIDAYS_SHOWN = 5;

export interface BusinessHoursOverview {
  calendar: BusinessCalendar;
  now: number;
  businessTime: BusinessTimeNow;
  upcoming: Holiday[];
}

export function loadBusinessHoursOverview(deps: FlowDeps, actor: string): BusinessHoursOverview {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.read");
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    return {
      calendar,
      now,
      businessTime: businessTimeAt(calendar, now),
      upcoming: upcomingHolidays(calendar, now).slice(0, HOLIDAYS_SHOWN),
    };
  });
}
