import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";
import { planShiftReminders, remindShift } from "./shiftReminders.ts";

export function shiftJobHandlers(
  deps: FlowDeps,
): Record<typeof JOB.planShiftReminders | typeof JOB.remindShift, JobHandler> {
  return {
    [JOB.planShiftReminders]: () => planShiftReminders(deps),
    [JOB.remindShift]: (payload) => remindShift(deps, payload),
  };
}
