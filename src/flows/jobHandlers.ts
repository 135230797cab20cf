import { JOB, type JobKind } from "../scheduler/jobKinds.ts";
import type { JobHandler } from "../scheduler/scheduler.ts";
import { announceCase } from "./announceCase.ts";
import { closeJobHandlers } from "./closeJobHandlers.ts";
import { consultJobHandlers } from "./consultJobHandlers.ts";
import { createWarRoom } from "./createWarRoom.ts";
import type { FlowDeps } from "./deps.ts";
import { inviteToWarRoom } from "./inviteToWarRoom.ts";
import { notifyFailure } from "./notifyFailure.ts";
import { pagingJobHandlers } from "./pagingJobHandlers.ts";
import { pinCaseSummary, postCaseSummary } from "./postCaseSummary.ts";
import { refreshCaseSummary, setWarRoomTopic } from "./refreshCaseSummary.ts";
import { sanctionJobHandlers } from "./sanctionJobHandlers.ts";
import { shiftJobHandlers } from "./shiftJobHandlers.ts";
import { slaJobHandlers } from "./slaJobHandlers.ts";

/** Which flow runs each job kind. */
export function buildJobHandlers(deps: FlowDeps): Record<JobKind, JobHandler> {
  return {
    [JOB.createWarRoom]: (payload) => createWarRoom(deps, payload),
    [JOB.inviteToWarRoom]: (payload) => inviteToWarRoom(deps, payload),
    [JOB.setWarRoomTopic]: (payload) => setWarRoomTopic(deps, payload),
    [JOB.postSummary]: (payload) => postCaseSummary(deps, payload),
    [JOB.pinSummary]: (payload) => pinCaseSummary(deps, payload),
    [JOB.refreshSummary]: (payload, job) => refreshCaseSummary(deps, payload, job),
    [JOB.announceCase]: (payload) => announceCase(deps, payload),
    [JOB.notifyFailure]: (payload) => notifyFailure(deps, payload),
    ...consultJobHandlers(deps),
    ...sanctionJobHandlers(deps),
    ...closeJobHandlers(deps),
    ...pagingJobHandlers(deps),
    ...slaJobHandlers(deps),
    ...shiftJobHandlers(deps),
  };
}
