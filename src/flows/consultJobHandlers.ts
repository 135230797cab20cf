import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";
import { pingConsultTeam } from "./pingConsultTeam.ts";
import { remindOverdueConsult } from "./remindOverdueConsult.ts";

export function consultJobHandlers(
  deps: FlowDeps,
): Record<typeof JOB.pingConsultTeam | typeof JOB.remindOverdueConsult, JobHandler> {
  return {
    [JOB.pingConsultTeam]: (payload) => pingConsultTeam(deps, payload),
    [JOB.remindOverdueConsult]: (payload) => remindOverdueConsult(deps, payload),
  };
}
