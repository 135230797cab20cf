import { loadJobCase } from "../../flows/cases/loadJobCase.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { setWarRoomTopicJob } from "../../flows/jobs/setWarRoomTopic.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildWarRoomTopic } from "../views/caseSummary.ts";

/** Job: keeps the war room's topic on case id, severity and status. */
export async function setWarRoomTopic(deps: SlackDeps, payload: PayloadOf<typeof setWarRoomTopicJob>): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (!record.channelId) return;
  await deps.slack.conversations.setTopic({ channel: record.channelId, topic: buildWarRoomTopic(record) });
}
