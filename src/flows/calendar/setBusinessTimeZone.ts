import type { BusinessCalendar } from "../../core/businessHours.ts";
import { canonicalTimeZone } from "../../core/localTime.ts";
import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { changeCalendar } from "./changeCalendar.ts";

/** Moves the calendar to another zone; weekly hours and holiday dates are then read there. */
export function setBusinessTimeZone(deps: FlowDeps, actor: string, zone: string): BusinessCalendar {
  return inTransaction(deps.db, (tx) => {
    const calendar = changeCalendar(tx, deps, actor, ({ weekly }) => ({ timeZone: canonicalTimeZone(zone), weekly }));
    deps.log.info({ timeZone: calendar.timeZone, by: actor }, "business time zone changed");
    return calendar;
  });
}
