import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";

export function shiftJobHandlers(
  _deps: FlowDeps,
): Record<typeof JOB.planShiftReminders | typeof JOB.remindShift, JobHandler> {
  const notBuilt = async () => {
    throw new Error("shift reminders are not built yet");
  };
  return { [JOB.planShiftReminders]: notBuilt, [JOB.remindShift]: notBuilt };
}
