import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";

export function closeJobHandlers(
  _deps: FlowDeps,
): Record<typeof JOB.postCloseSummary | typeof JOB.archiveWarRoom, JobHandler> {
  const notYet = async () => {
    throw new Error("not implemented");
  };
  return { [JOB.postCloseSummary]: notYet, [JOB.archiveWarRoom]: notYet };
}
