import type { BusinessCalendar } from "../core/businessHours.ts";
import type { Schedule } from "../core/onCall.ts";
import type { Executor } from "../store/database.ts";
import { loadSchedule } from "../store/onCall.ts";

/** The on-call schedule as every flow that pages, invites, reminds or shows who is on call reads it. */
export function pagerSchedule(tx: Executor, calendar: BusinessCalendar, now: number): Schedule {
  return loadSchedule(tx, calendar, now);
}
