import { loadCalendar } from "../../store/calendars.ts";
import type { FlowDeps } from "../deps.ts";

/** The zone of the business calendar: as a lead set it, else the configured default. */
export function readBusinessTimeZone(deps: FlowDeps): string {
  return loadCalendar(deps.db, deps.config.businessTimeZone).timeZone;
}
