import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";
import { notifyPage } from "./notifyPage.ts";

export function pagingJobHandlers(deps: FlowDeps): Record<typeof JOB.notifyPage, JobHandler> {
  return {
    [JOB.notifyPage]: (payload) => notifyPage(deps, payload),
  };
}
