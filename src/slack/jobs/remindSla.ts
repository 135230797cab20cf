import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { remindSlaJob } from "../../flows/jobs/remindSla.ts";
import { dueSlaReminder, recordSlaReminder } from "../../flows/sla/slaReminderDue.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildSlaReminder } from "../views/slaMessages.ts";
import { postInChannel, postToCaseRoom } from "./postMessages.ts";

/** Job: posts one SLA reminder in the case's room, mentioning its owner (or its opener), or in triage; records it. */
export async function remindSla(deps: SlackDeps, payload: PayloadOf<typeof remindSlaJob>): Promise<void> {
  const due = dueSlaReminder(deps, payload);
  if (!due) return;
  const { record, notify, reminder, dueAt } = due;
  const message = buildSlaReminder({ humanId: record.humanId, notify, ...reminder, dueAt });
  // Nobody to mention (a Zendesk case nobody owns yet): its war room may hold no one, the triage channel does.
  const posted =
    notify === null
      ? await postInChannel(deps, deps.config.slack.triageChannelId, message)
      : await postToCaseRoom(deps, record, message);
  recordSlaReminder(deps, due, posted);
  if (reminder.threshold === 1) deps.metrics.slaBreached(reminder.clock);
}
