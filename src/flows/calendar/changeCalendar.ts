import type { BusinessCalendar } from "../../core/businessHours.ts";
import { loadCalendar, saveCalendar } from "../../store/calendars.ts";
import type { Executor } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { calendarChanged } from "./calendarChanged.ts";

/** Writes a new zone or weekly hours, replans shift reminders, and returns the calendar as it now is. */
export function changeCalendar(
  tx: Executor,
  deps: FlowDeps,
  actor: string,
  change: (calendar: BusinessCalendar) => Pick<BusinessCalendar, "timeZone" | "weekly">,
): BusinessCalendar {
  const now = deps.clock.now();
  assertMay(tx, actor, "oncall.manage");
  const calendar = loadCalendar(tx, deps.config.businessTimeZone);
  const changed = { ...calendar, ...change(calendar) };
  saveCalendar(tx, changed, actor, now);
  calendarChanged(tx, deps, now);
  return changed;
}
