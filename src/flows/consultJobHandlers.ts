import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";

export function consultJobHandlers(
  _deps: FlowDeps,
): Record<typeof JOB.pingConsultTeam | typeof JOB.remindOverdueConsult, JobHandler> {
  const notYet = async () => {
    throw new Error("not implemented");
  };
  return { [JOB.pingConsultTeam]: notYet, [JOB.remindOverdueConsult]: notYet };
}
