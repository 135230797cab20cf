import { caseContact } from "../../core/caseContact.ts";
import { loadJobCase } from "../../flows/cases/loadJobCase.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { notifyFailureJob } from "../../flows/jobs/notifyFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { failureNotice } from "../views/caseSummary.ts";

/**
 * Job: a DM to the case's owner (or opener) about a side effect refused for good, when no summary shows it; a case
 * the bot opened that nobody owns yet is reported in the triage channel (the notice names no party).
 */
export async function notifyFailure(deps: SlackDeps, payload: PayloadOf<typeof notifyFailureJob>): Promise<void> {
  const { jobKind, error } = payload;
  const record = loadJobCase(deps.db, payload);
  const channel = caseContact(record, deps.botUserId) ?? deps.config.slack.triageChannelId;
  await deps.slack.chat.postMessage({ channel, text: failureNotice(record, jobKind, error) });
}
