import { isOpenStatus } from "../../core/lifecycle.ts";
import { recordConsultReminded } from "../../flows/consults/consultReminderJob.ts";
import { consultRecipients, loadConsultOnCase, teamTarget } from "../../flows/consults/loadConsultOnCase.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { remindOverdueConsultJob } from "../../flows/jobs/remindOverdueConsult.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildConsultRoomReminder, buildConsultTeamReminder } from "../views/consultMessages.ts";
import { messageInput } from "./pingConsultTeam.ts";
import { postInChannel, postToCaseRoom, postToEach } from "./postMessages.ts";

/**
 * Job, at the due time and every 24 h after while the consult is open: reminds the team (same
 * target as the ping) and the requester in the case's room, and re-renders the summary, which now
 * shows the consult overdue.
 */
export async function remindOverdueConsult(
  deps: SlackDeps,
  payload: PayloadOf<typeof remindOverdueConsultJob>,
): Promise<void> {
  const { consultId, reminder } = payload;
  const loaded = loadConsultOnCase(deps.db, consultId);
  const { consult, record } = loaded;
  if (consult.status !== "open" || !isOpenStatus(record.status)) return;

  const target = teamTarget(loaded.team);
  const toTeam = buildConsultTeamReminder(messageInput(loaded));
  if ("channelId" in target) await postInChannel(deps, target.channelId, toTeam);
  else await postToEach(deps, consultRecipients(deps.db, consult.id), toTeam);
  await postToCaseRoom(deps, record, buildConsultRoomReminder(messageInput(loaded)));
  recordConsultReminded(deps, loaded, reminder);
}
