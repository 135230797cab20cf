import { type BusinessCalendar, type BusinessHoursSpan, checkWeeklyHours } from "../../core/businessHours.ts";
import type { Weekday } from "../../core/localTime.ts";
import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { changeCalendar } from "./changeCalendar.ts";

/** Sets the hours of each of `days` to `spans` (none = closed that day). */
export function setBusinessHours(
  deps: FlowDeps,
  actor: string,
  days: readonly Weekday[],
  spans: readonly BusinessHoursSpan[],
): BusinessCalendar {
  return inTransaction(deps.db, (tx) => {
    const calendar = changeCalendar(tx, deps, actor, ({ timeZone, weekly }) => {
      const changed = { ...weekly };
      for (const day of days) changed[day] = spans;
      return { timeZone, weekly: checkWeeklyHours(changed) };
    });
    deps.log.info({ days, spans: spans.length, by: actor }, "business hours changed");
    return calendar;
  });
}
