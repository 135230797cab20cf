import type { z } from "zod";
import type { JobRow } from "../../../db/schema.ts";
import { takeScheduledBackup } from "../../flows/backup/scheduledBackup.ts";
import { addZendeskNoteJob } from "../../flows/jobs/addZendeskNote.ts";
import { announceCaseJob } from "../../flows/jobs/announceCase.ts";
import { archiveWarRoomJob } from "../../flows/jobs/archiveWarRoom.ts";
import { checkSlaClocksJob } from "../../flows/jobs/checkSlaClocks.ts";
import { closePageMessagesJob } from "../../flows/jobs/closePageMessages.ts";
import { createWarRoomJob } from "../../flows/jobs/createWarRoom.ts";
import type { JobKindSchema, PayloadSchema } from "../../flows/jobs/defineJob.ts";
import { escalateProposalJob } from "../../flows/jobs/escalateProposal.ts";
import { exportDecisionsJob } from "../../flows/jobs/exportDecisions.ts";
import { fetchEvidenceFilesJob } from "../../flows/jobs/fetchEvidenceFiles.ts";
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
import { postReportJob } from "../../flows/jobs/postReport.ts";
import { publishHomeJob } from "../../flows/jobs/publishHome.ts";
import { redactPersonalDataJob } from "../../flows/jobs/redactPersonalData.ts";
import { refreshCaseSummaryJob } from "../../flows/jobs/refreshCaseSummary.ts";
import { remindOverdueConsultJob } from "../../flows/jobs/remindOverdueConsult.ts";
import { remindShiftJob } from "../../flows/jobs/remindShift.ts";
import { remindSlaJob } from "../../flows/jobs/remindSla.ts";
import { scheduleWeeklyReportJob } from "../../flows/jobs/scheduleWeeklyReport.ts";
import { setWarRoomTopicJob } from "../../flows/jobs/setWarRoomTopic.ts";
import { storeDecisionTextsJob } from "../../flows/jobs/storeDecisionTexts.ts";
import { sweepSlaClocksJob } from "../../flows/jobs/sweepSlaClocks.ts";
import { takeScheduledBackupJob } from "../../flows/jobs/takeScheduledBackup.ts";
import { planShiftReminders } from "../../flows/onCall/shiftReminders.ts";
import { scheduleWeeklyReport } from "../../flows/reports/weeklyReport.ts";
import { planRetention } from "../../flows/retention/planRetention.ts";
import { redactPersonalData } from "../../flows/retention/redactPersonalData.ts";
import { storeDecisionTextsWindow } from "../../flows/sanctions/storeDecisionTexts.ts";
import { checkSlaClocks, sweepSlaClocks } from "../../flows/sla/slaReminders.ts";
import type { JobPacing } from "../../scheduler/pacing.ts";
import type { JobDeferral, JobHandler } from "../../scheduler/scheduler.ts";
import { addZendeskNote, ZENDESK_TICKET_UPDATES } from "../../zendesk/notes.ts";
import { publishHome } from "../listeners/events/publishHome.ts";
import type { TieredMethod } from "../rateLimits.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { announceCase } from "./announceCase.ts";
import { archiveWarRoom } from "./archiveWarRoom.ts";
import { closePageMessages } from "./closePageMessages.ts";
import { createWarRoom } from "./createWarRoom.ts";
import { escalateProposal } from "./escalateProposal.ts";
import { exportDecisions } from "./exportDecisions.ts";
import { fetchEvidenceFiles } from "./fetchEvidenceFiles.ts";
import { inviteToWarRoom } from "./inviteToWarRoom.ts";
import { buildJobPacing, caseRoom, pageTarget, reportTarget, type SlackCalls } from "./jobPacing.ts";
import { notifyFailure } from "./notifyFailure.ts";
import { notifyPage } from "./notifyPage.ts";
import { pinCaseSummary } from "./pinCaseSummary.ts";
import { pingConsultTeam } from "./pingConsultTeam.ts";
import { postCaseSummary } from "./postCaseSummary.ts";
import { postCloseSummary } from "./postCloseSummary.ts";
import { postProposal } from "./postProposal.ts";
import { postReport } from "./postReport.ts";
import { refreshCaseSummary } from "./refreshCaseSummary.ts";
import { remindOverdueConsult } from "./remindOverdueConsult.ts";
import { remindShift } from "./remindShift.ts";
import { remindSla } from "./remindSla.ts";
import { setWarRoomTopic } from "./setWarRoomTopic.ts";

/** A job kind's definition with the handler that runs it, given the flows' dependencies, and the Slack calls it makes. */
export interface JobRegistration {
  readonly definition: JobKindSchema;
  bind(deps: SlackDeps): JobHandler;
  readonly calls: SlackCalls;
}

/** The handler gets the payload its definition's schema parses: the compiler checks the two agree. */
function handle<Schema extends PayloadSchema>(
  definition: JobKindSchema<Schema>,
  // biome-ignore lint/suspicious/noConfusingVoidType: most handlers never defer and are plain `Promise<void>` functions.
  run: (deps: SlackDeps, payload: z.output<Schema>, job: JobRow) => Promise<JobDeferral | void>,
  calls: SlackCalls = {},
): JobRegistration {
  return { definition, calls, bind: (deps) => async (raw, job) => run(deps, definition.payload.parse(raw), job) };
}

/**
 * A job that shares files under a progress message (an export, a report): whether the conversation is private,
 * on a retry whether the earlier attempt's files were shared after all (files.info, counted once as for evidence),
 * the upload, then the progress message's update.
 */
const SHARES_FILES: readonly TieredMethod[] = [
  "conversations.info",
  "files.info",
  "files.getUploadURLExternal",
  "files.completeUploadExternal",
  "chat.update",
];

/**
 * Every job kind, once: adding a kind is its definition in src/flows/jobs/, its handler, and a line here
 * naming the Slack calls its handler makes (see SlackCalls), which the runner paces.
 */
export const JOB_REGISTRY: readonly JobRegistration[] = [
  handle(createWarRoomJob, createWarRoom, { methods: ["conversations.create"] }),
  handle(inviteToWarRoomJob, inviteToWarRoom, { methods: ["conversations.invite"] }),
  handle(setWarRoomTopicJob, setWarRoomTopic, { methods: ["conversations.setTopic"] }),
  handle(postCaseSummaryJob, postCaseSummary, { postsTo: caseRoom }),
  handle(pinCaseSummaryJob, pinCaseSummary, { methods: ["pins.add"] }),
  // The pinned summary and the triage post: two updates.
  handle(refreshCaseSummaryJob, refreshCaseSummary, { methods: ["chat.update", "chat.update"] }),
  handle(announceCaseJob, announceCase, { postsTo: "triage" }),
  // The team's ping goes to its own channel or DMs; an answer updates the ping, and a note goes to the room.
  handle(pingConsultTeamJob, pingConsultTeam, { methods: ["chat.update"], postsTo: caseRoom }),
  handle(remindOverdueConsultJob, remindOverdueConsult, { postsTo: caseRoom }),
  // Posts the proposal once, then updates it.
  handle(postProposalJob, postProposal, { methods: ["chat.update"], postsTo: caseRoom }),
  handle(escalateProposalJob, escalateProposal, { postsTo: "escalation" }),
  handle(postCloseSummaryJob, postCloseSummary, { postsTo: "triage" }),
  handle(archiveWarRoomJob, archiveWarRoom, { methods: ["conversations.archive"] }),
  handle(notifyFailureJob, notifyFailure),
  handle(notifyPageJob, notifyPage, { postsTo: pageTarget }),
  handle(closePageMessagesJob, closePageMessages, { methods: ["chat.update"] }),
  handle(checkSlaClocksJob, checkSlaClocks),
  handle(sweepSlaClocksJob, sweepSlaClocks),
  handle(remindSlaJob, remindSla, { postsTo: caseRoom }),
  handle(planShiftRemindersJob, planShiftReminders),
  handle(remindShiftJob, remindShift),
  // Reads whether the conversation is private, uploads the two files, then updates its progress message.
  handle(exportDecisionsJob, exportDecisions, { methods: SHARES_FILES }),
  // Describes each file (one call counted: most forms carry one), then updates the form; a closed form gets a DM.
  handle(fetchEvidenceFilesJob, fetchEvidenceFiles, { methods: ["files.info", "views.update"] }),
  handle(takeScheduledBackupJob, takeScheduledBackup),
  handle(planRetentionJob, planRetention),
  handle(redactPersonalDataJob, redactPersonalData),
  // No Slack call: one Zendesk ticket update, paced under Zendesk's Update Ticket limit.
  handle(addZendeskNoteJob, addZendeskNote, { budgets: [ZENDESK_TICKET_UPDATES] }),
  handle(scheduleWeeklyReportJob, scheduleWeeklyReport),
  // Posts its progress message (after conversations.info when asked for), uploads the charts and CSV, then updates it.
  handle(postReportJob, postReport, {
    methods: SHARES_FILES,
    postsTo: reportTarget,
  }),
  handle(publishHomeJob, (deps, { userId }) => publishHome(deps, userId), { methods: ["views.publish"] }),
  handle(storeDecisionTextsJob, storeDecisionTextsWindow),
];

/** The runner's pacing: each kind's Slack calls as the budgets they spend. */
export function buildPacing(deps: SlackDeps): JobPacing {
  return buildJobPacing(deps, new Map(JOB_REGISTRY.map(({ definition, calls }) => [definition.kind, calls])));
}

/** The runner's table: each kind's handler, bound to the flows' dependencies. */
export function buildJobHandlers(deps: SlackDeps): Readonly<Record<string, JobHandler>> {
  return Object.fromEntries(JOB_REGISTRY.map(({ definition, bind }) => [definition.kind, bind(deps)]));
}
