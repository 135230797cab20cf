import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";
import { remindSla } from "./remindSla.ts";
import { checkSlaClocks } from "./slaReminders.ts";

export function slaJobHandlers(deps: FlowDeps): Record<typeof JOB.checkSla | typeof JOB.remindSla, JobHandler> {
  return {
    [JOB.checkSla]: (payload) => checkSlaClocks(deps, payload),
    [JOB.remindSla]: (payload) => remindSla(deps, payload),
  };
}
