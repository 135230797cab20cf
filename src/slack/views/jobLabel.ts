import { addZendeskNoteJob } from "../../flows/jobs/addZendeskNote.ts";
import { announceCaseJob } from "../../flows/jobs/announceCase.ts";
import { archiveWarRoomJob } from "../../flows/jobs/archiveWarRoom.ts";
import { checkSlaClocksJob } from "../../flows/jobs/checkSlaClocks.ts";
import { closePageMessagesJob } from "../../flows/jobs/closePageMessages.ts";
import { createWarRoomJob } from "../../flows/jobs/createWarRoom.ts";
import { escalateProposalJob } from "../../flows/jobs/escalateProposal.ts";
import { inviteToWarRoomJob } from "../../flows/jobs/inviteToWarRoom.ts";
import { notifyFailureJob } from "../../flows/jobs/notifyFailure.ts";
import { notifyPageJob } from "../../flows/jobs/notifyPage.ts";
import { pinCaseSummaryJob } from "../../flows/jobs/pinCaseSummary.ts";
import { pingConsultTeamJob } from "../../flows/jobs/pingConsultTeam.ts";
import { planShiftRemindersJob } from "../../flows/jobs/planShiftReminders.ts";
import { postCaseSummaryJob } from "../../flows/jobs/postCaseSummary.ts";
import { postCloseSummaryJob } from "../../flows/jobs/postCloseSummary.ts";
import { postProposalJob } from "../../flows/jobs/postProposal.ts";
import { refreshCaseSummaryJob } from "../../flows/jobs/refreshCaseSummary.ts";
import { remindOverdueConsultJob } from "../../flows/jobs/remindOverdueConsult.ts";
import { remindShiftJob } from "../../flows/jobs/remindShift.ts";
import { remindSlaJob } from "../../flows/jobs/remindSla.ts";
import { setWarRoomTopicJob } from "../../flows/jobs/setWarRoomTopic.ts";
import { sweepSlaClocksJob } from "../../flows/jobs/sweepSlaClocks.ts";

/** What a failed job was doing, as its case's summary says it; a kind without a label shows its name. */
const JOB_LABELS: Readonly<Record<string, string>> = {
  [createWarRoomJob.kind]: "creating the war room",
  [inviteToWarRoomJob.kind]: "inviting a member",
  [setWarRoomTopicJob.kind]: "setting the channel topic",
  [postCaseSummaryJob.kind]: "posting the case summary",
  [pinCaseSummaryJob.kind]: "pinning the case summary",
  [refreshCaseSummaryJob.kind]: "updating the case summary",
  [announceCaseJob.kind]: "announcing the case in triage",
  [pingConsultTeamJob.kind]: "sending a consult to its team",
  [remindOverdueConsultJob.kind]: "reminding a team of an overdue consult",
  [postProposalJob.kind]: "posting a sanction proposal",
  [escalateProposalJob.kind]: "escalating an undecided proposal to the leads",
  [postCloseSummaryJob.kind]: "posting the closing summary",
  [archiveWarRoomJob.kind]: "archiving the war room",
  [notifyFailureJob.kind]: "telling the case's owner or opener about a failure",
  [notifyPageJob.kind]: "paging the on-call person",
  [closePageMessagesJob.kind]: "marking a page's messages acknowledged",
  [checkSlaClocksJob.kind]: "checking the SLA clocks",
  [sweepSlaClocksJob.kind]: "queuing SLA checks of the open cases",
  [remindSlaJob.kind]: "posting an SLA reminder",
  [planShiftRemindersJob.kind]: "planning on-call shift reminders",
  [remindShiftJob.kind]: "reminding someone of their on-call shift",
  [addZendeskNoteJob.kind]: "adding an internal note to the Zendesk ticket",
};

export const jobLabel = (kind: string): string => JOB_LABELS[kind] ?? kind;

/** Who refused a job for good and what an admin checks: Slack, but for the kinds that call another service. */
const REFUSERS: Readonly<Record<string, { service: string; check: string }>> = {
  [addZendeskNoteJob.kind]: { service: "Zendesk", check: "the Zendesk API token and the ticket number" },
};

export const jobRefuser = (kind: string): { service: string; check: string } =>
  REFUSERS[kind] ?? { service: "Slack", check: "the app's access (is the bot in the triage channel?)" };
