import { JOB } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import type { FlowDeps } from "./deps.ts";

export function pagingJobHandlers(_deps: FlowDeps): Record<typeof JOB.notifyPage, JobHandler> {
  return {
    [JOB.notifyPage]: async () => {
      throw new Error("paging is not built yet");
    },
  };
}
