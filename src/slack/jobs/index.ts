import { announceCase } from "../../flows/announceCase.ts";
import { archiveWarRoom } from "../../flows/archiveWarRoom.ts";
import { createWarRoom } from "../../flows/createWarRoom.ts";
import type { FlowDeps } from "../../flows/deps.ts";
import { escalateProposal } from "../../flows/escalateProposal.ts";
import { inviteToWarRoom } from "../../flows/inviteToWarRoom.ts";
import { notifyFailure } from "../../flows/notifyFailure.ts";
import { closePageMessages, notifyPage } from "../../flows/notifyPage.ts";
import { pingConsultTeam } from "../../flows/pingConsultTeam.ts";
import { pinCaseSummary, postCaseSummary } from "../../flows/postCaseSummary.ts";
import { postCloseSummary } from "../../flows/postCloseSummary.ts";
import { postProposal } from "../../flows/postProposal.ts";
import { refreshCaseSummary, setWarRoomTopic } from "../../flows/refreshCaseSummary.ts";
import { remindOverdueConsult } from "../../flows/remindOverdueConsult.ts";
import { remindSla } from "../../flows/remindSla.ts";
import { planShiftReminders, remindShift } from "../../flows/shiftReminders.ts";
import { checkSlaClocks } from "../../flows/slaReminders.ts";
import { JOB, type JobKind } from "../../scheduler/jobKinds.ts";
import type { JobHandler } from "../../scheduler/scheduler.ts";

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
    [JOB.remindSla]: (payload) => remindSla(deps, payload),
    [JOB.planShiftReminders]: () => planShiftReminders(deps),
    [JOB.remindShift]: (payload) => remindShift(deps, payload),
  };
}
