import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";

export function slaJobHandlers(_deps: FlowDeps): Record<typeof JOB.checkSla | typeof JOB.remindSla, JobHandler> {
  const notBuilt = async () => {
    throw new Error("SLA reminders are not built yet");
  };
  return { [JOB.checkSla]: notBuilt, [JOB.remindSla]: notBuilt };
}
