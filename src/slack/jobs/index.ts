import type { z } from "zod";
import type { JobRow } from "../../../db/schema.ts";
import { announceCaseJob } from "../../flows/jobs/announceCase.ts";
import { archiveWarRoomJob } from "../../flows/jobs/archiveWarRoom.ts";
import { checkSlaClocksJob } from "../../flows/jobs/checkSlaClocks.ts";
import { closePageMessagesJob } from "../../flows/jobs/closePageMessages.ts";
import { createWarRoomJob } from "../../flows/jobs/createWarRoom.ts";
import type { JobKindSchema, PayloadSchema } from "../../flows/jobs/defineJob.ts";
import { escalateProposalJob } from "../../flows/jobs/escalateProposal.ts";
import { exportDecisionsJob } from "../../flows/jobs/exportDecisions.ts";
import { inviteToWarRoomJob } from "../../flows/jobs/inviteToWarRoom.ts";
import { notifyFailureJob } from "../../flows/jobs/notifyFailure.ts";
import { notifyPageJob } from "../../flows/jobs/notifyPage.ts";
import { pinCaseSummaryJob } from "../../flows/jobs/pinCaseSummary.ts";
import { pingConsultTeamJob } from "../../flows/jobs/pingConsultTeam.ts";
import { planRetentionJob } from "../../flows/jobs/planRetention.ts";
import { planShiftRemindersJob } from "../../flows/jobs/planShiftReminders.ts";
import { postCaseSummaryJob } from "../../flows/jobs/postCaseSummary.ts";
import { postCloseSummaryJob } from "../../flows/jobs/postCloseSummary.ts";
import { postProposalJob } from "../../flows/jobs/postProposal.ts";
import { redactPersonalDataJob } from "../../flows/jobs/redactPersonalData.ts";
import { refreshCaseSummaryJob } from "../../flows/jobs/refreshCaseSummary.ts";
import { remindOverdueConsultJob } from "../../flows/jobs/remindOverdueConsult.ts";
import { remindShiftJob } from "../../flows/jobs/remindShift.ts";
import { remindSlaJob } from "../../flows/jobs/remindSla.ts";
import { setWarRoomTopicJob } from "../../flows/jobs/setWarRoomTopic.ts";
import { sweepSlaClocksJob } from "../../flows/jobs/sweepSlaClocks.ts";
import { planShiftReminders } from "../../flows/onCall/shiftReminders.ts";
import { planRetention } from "../../flows/retention/planRetention.ts";
import { redactPersonalData } from "../../flows/retention/redactPersonalData.ts";
import { checkSlaClocks, sweepSlaClocks } from "../../flows/sla/slaReminders.ts";
import type { JobDeferral, JobHandler } from "../../scheduler/scheduler.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { announceCase } from "./announceCase.ts";
import { archiveWarRoom } from "./archiveWarRoom.ts";
import { closePageMessages } from "./closePageMessages.ts";
import { createWarRoom } from "./createWarRoom.ts";
import { escalateProposal } from "./escalateProposal.ts";
import { exportDecisions } from "./exportDecisions.ts";
import { inviteToWarRoom } from "./inviteToWarRoom.ts";
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

/** A job kind's definition with the handler that runs it, given the flows' dependencies. */
export interface JobRegistration {
  readonly definition: JobKindSchema;
  bind(deps: SlackDeps): JobHandler;
}

/** The handler gets the payload its definition's schema parses: the compiler checks the two agree. */
function handle<Schema extends PayloadSchema>(
  definition: JobKindSchema<Schema>,
  // biome-ignore lint/suspicious/noConfusingVoidType: most handlers never defer and are plain `Promise<void>` functions.
  run: (deps: SlackDeps, payload: z.output<Schema>, job: JobRow) => Promise<JobDeferral | void>,
): JobRegistration {
  return { definition, bind: (deps) => async (raw, job) => run(deps, definition.payload.parse(raw), job) };
}

/** Every job kind, once: adding a kind is its definition in src/flows/jobs/, its handler, and a line here. */
export const JOB_REGISTRY: readonly JobRegistration[] = [
  handle(createWarRoomJob, createWarRoom),
  handle(inviteToWarRoomJob, inviteToWarRoom),
  handle(setWarRoomTopicJob, setWarRoomTopic),
  handle(postCaseSummaryJob, postCaseSummary),
  handle(pinCaseSummaryJob, pinCaseSummary),
  handle(refreshCaseSummaryJob, refreshCaseSummary),
  handle(announceCaseJob, announceCase),
  handle(pingConsultTeamJob, pingConsultTeam),
  handle(remindOverdueConsultJob, remindOverdueConsult),
  handle(postProposalJob, postProposal),
  handle(escalateProposalJob, escalateProposal),
  handle(postCloseSummaryJob, postCloseSummary),
  handle(archiveWarRoomJob, archiveWarRoom),
  handle(notifyFailureJob, notifyFailure),
  handle(notifyPageJob, notifyPage),
  handle(closePageMessagesJob, closePageMessages),
  handle(checkSlaClocksJob, checkSlaClocks),
  handle(sweepSlaClocksJob, sweepSlaClocks),
  handle(remindSlaJob, remindSla),
  handle(planShiftRemindersJob, planShiftReminders),
  handle(remindShiftJob, remindShift),
  handle(exportDecisionsJob, exportDecisions),
  handle(planRetentionJob, planRetention),
  handle(redactPersonalDataJob, redactPersonalData),
];

/** The runner's table: each kind's handler, bound to the flows' dependencies. */
export function buildJobHandlers(deps: SlackDeps): Readonly<Record<string, JobHandler>> {
  return Object.fromEntries(JOB_REGISTRY.map(({ definition, bind }) => [definition.kind, bind(deps)]));
}
