import type { FlowDeps } from "../../flows/deps.ts";
import { planShiftReminders } from "../../flows/onCall/shiftReminders.ts";
import { checkSlaClocks, sweepSlaClocks } from "../../flows/sla/slaReminders.ts";
import { archiveWarRoom } from "../../flows/warRooms/archiveWarRoom.ts";
import { createWarRoom } from "../../flows/warRooms/createWarRoom.ts";
import { inviteToWarRoom } from "../../flows/warRooms/inviteToWarRoom.ts";
import { JOB, type JobKind } from "../../scheduler/jobKinds.ts";
import type { JobHandler } from "../../scheduler/scheduler.ts";
import { announceCase } from "./announceCase.ts";
import { closePageMessages } from "./closePageMessages.ts";
import { escalateProposal } from "./escalateProposal.ts";
import { notifyFailure } from "./notifyFailure.ts";
import { notifyPage } from "./notifyPage.ts";
import { pinCaseSummary } from "./pinCaseSummary.ts";
import { pingConsultTeam } from "./pingConsultTeam.ts";
import { postCaseSummary } from "./postCaseSummary.ts";
import { postCloseSummary } from "./postCloseSummary.ts";
import { postProposal } from "./postProposal.ts";
import { refreshCaseSummary } from "./refreshCaseSummary.ts";
import { remindOverdueConsult } from "./remindOverdueConsult.ts";
import { remindShift } from "./remindShift.ts";
import { remindSla } from "./remindSla.ts";
import { setWarRoomTopic } from "./setWarRoomTopic.ts";

/** The one place each job kind meets its handler: a kind left out fails to compile. */
export type JobHandlers = { readonly [K in JobKind]: JobHandler };

export function buildJobHandlers(deps: FlowDeps): JobHandlers {
  return {
    [JOB.createWarRoom]: (payload) => createWarRoom(deps, payload),
    [JOB.inviteToWarRoom]: (payload) => inviteToWarRoom(deps, payload),
    [JOB.setWarRoomTopic]: (payload) => setWarRoomTopic(deps, payload),
    [JOB.postSummary]: (payload) => postCaseSummary(deps, payload),
    [JOB.pinSummary]: (payload) => pinCaseSummary(deps, payload),
    [JOB.refreshSummary]: (payload, job) => refreshCaseSummary(deps, payload, job),
    [JOB.announceCase]: (payload) => announceCase(deps, payload),
    [JOB.pingConsultTeam]: (payload) => pingConsultTeam(deps, payload),
    [JOB.remindOverdueConsult]: (payload) => remindOverdueConsult(deps, payload),
    [JOB.postProposal]: (payload) => postProposal(deps, payload),
    [JOB.escalateProposal]: (payload) => escalateProposal(deps, payload),
    [JOB.postCloseSummary]: (payload) => postCloseSummary(deps, payload),
    [JOB.archiveWarRoom]: (payload) => archiveWarRoom(deps, payload),
    [JOB.notifyFailure]: (payload) => notifyFailure(deps, payload),
    [JOB.notifyPage]: (payload) => notifyPage(deps, payload),
    [JOB.closePageMessages]: (payload) => closePageMessages(deps, payload),
    [JOB.checkSla]: (payload) => checkSlaClocks(deps, payload),
    [JOB.sweepSla]: (payload) => sweepSlaClocks(deps, payload),
    [JOB.remindSla]: (payload) => remindSla(deps, payload),
    [JOB.planShiftReminders]: () => planShiftReminders(deps),
    [JOB.remindShift]: (payload) => remindShift(deps, payload),
  };
}
