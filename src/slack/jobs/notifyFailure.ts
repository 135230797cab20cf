import { loadJobCase } from "../../flows/cases/caseJobs.ts";
import { JOB, JOB_PAYLOADS } from "../../scheduler/jobKinds.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { failureNotice } from "../views/caseSummary.ts";

/** Job: a DM to the case's opener about a side effect Slack refused for good, when no summary shows it. */
export async function notifyFailure(deps: SlackDeps, raw: unknown): Promise<void> {
  const { jobKind, error } = JOB_PAYLOADS[JOB.notifyFailure].parse(raw);
  const record = loadJobCase(deps.db, raw);
  await deps.slack.chat.postMessage({ channel: record.createdBy, text: failureNotice(record, jobKind, error) });
}
