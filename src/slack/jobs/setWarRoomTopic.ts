import { loadJobCase } from "../../flows/cases/caseJobs.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildWarRoomTopic } from "../views/caseSummary.ts";

/** Job: keeps the war room's topic on case id, severity and status. */
export async function setWarRoomTopic(deps: SlackDeps, payload: unknown): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (!record.channelId) return;
  await deps.slack.conversations.setTopic({ channel: record.channelId, topic: buildWarRoomTopic(record) });
}
