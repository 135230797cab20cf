import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import { archiveWarRoom } from "./archiveWarRoom.ts";
import type { FlowDeps } from "./deps.ts";
import { postCloseSummary } from "./postCloseSummary.ts";

export function closeJobHandlers(
  deps: FlowDeps,
): Record<typeof JOB.postCloseSummary | typeof JOB.archiveWarRoom, JobHandler> {
  return {
    [JOB.postCloseSummary]: (payload) => postCloseSummary(deps, payload),
    [JOB.archiveWarRoom]: (payload) => archiveWarRoom(deps, payload),
  };
}
