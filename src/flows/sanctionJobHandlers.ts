import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";
import { escalateProposal } from "./escalateProposal.ts";
import { postProposal } from "./postProposal.ts";

export function sanctionJobHandlers(
  deps: FlowDeps,
): Record<typeof JOB.postProposal | typeof JOB.escalateProposal, JobHandler> {
  return {
    [JOB.postProposal]: (payload) => postProposal(deps, payload),
    [JOB.escalateProposal]: (payload) => escalateProposal(deps, payload),
  };
}
