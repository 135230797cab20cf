import { loadJobCase } from "../../flows/cases/loadJobCase.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { pinCaseSummaryJob } from "../../flows/jobs/pinCaseSummary.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";

/** Job: pins the summary so it stays at hand in the channel. */
export async function pinCaseSummary(deps: SlackDeps, payload: PayloadOf<typeof pinCaseSummaryJob>): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (!record.channelId || !record.summaryTs) throw new Error(`case ${record.id} has no summary to pin`);
  try {
    await deps.slack.pins.add({ channel: record.channelId, timestamp: record.summaryTs });
  } catch (error) {
    if (slackErrorCode(error) !== "already_pinned") throw error;
  }
}
