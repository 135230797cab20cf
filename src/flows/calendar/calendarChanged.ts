import type { Executor } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { onScheduleChanged } from "../onCall/shiftReminders.ts";
import { recheckAllSlaClocks } from "../sla/slaReminders.ts";

/** Holiday layers and business clocks both read the calendar: replan shift reminders, re-check SLA clocks. */
export function calendarChanged(tx: Executor, deps: FlowDeps, now: number): void {
  onScheduleChanged(tx, deps, now);
  recheckAllSlaClocks(tx, now);
}
