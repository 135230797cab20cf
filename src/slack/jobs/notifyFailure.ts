import { loadJobCase } from "../../flows/cases/loadJobCase.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { notifyFailureJob } from "../../flows/jobs/notifyFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { failureNotice } from "../views/caseSummary.ts";

/** Job: a DM to the case's opener about a side effect Slack refused for good, when no summary shows it. */
export async function notifyFailure(deps: SlackDeps, payload: PayloadOf<typeof notifyFailureJob>): Promise<void> {
  const { jobKind, error } = payload;
  const record = loadJobCase(deps.db, payload);
  await deps.slack.chat.postMessage({ channel: record.createdBy, text: failureNotice(record, jobKind, error) });
}
