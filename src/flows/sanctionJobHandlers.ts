import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";

export function sanctionJobHandlers(
  _deps: FlowDeps,
): Record<typeof JOB.postProposal | typeof JOB.escalateProposal, JobHandler> {
  const notYet = async () => {
    throw new Error("not implemented");
  };
  return { [JOB.postProposal]: notYet, [JOB.escalateProposal]: notYet };
}
