import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";
import { closePageMessages, notifyPage } from "./notifyPage.ts";

export function pagingJobHandlers(
  deps: FlowDeps,
): Record<typeof JOB.notifyPage | typeof JOB.closePageMessages, JobHandler> {
  return {
    [JOB.notifyPage]: (payload) => notifyPage(deps, payload),
    [JOB.closePageMessages]: (payload) => closePageMessages(deps, payload),
  };
}
