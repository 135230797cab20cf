import type { closePageMessagesJob } from "../../flows/jobs/closePageMessages.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import { acknowledgedPageMessages } from "../../flows/paging/pageStepJob.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildPageAcknowledged } from "../views/pageMessages.ts";

// The message is gone or can no longer be edited: nothing is left to mark, and retrying would not change it.
const MESSAGE_GONE = new Set(["message_not_found", "cant_update_message", "channel_not_found", "edit_window_closed"]);

/**
 * Job, after an acknowledgement: every message the page sent (DMs and the channel post) is edited to say
 * who acknowledged it, without its button, so nobody else is left thinking the page is still open.
 */
export async function closePageMessages(
  deps: SlackDeps,
  payload: PayloadOf<typeof closePageMessagesJob>,
): Promise<void> {
  const acknowledged = acknowledgedPageMessages(deps, payload);
  if (!acknowledged) return;
  const closed = buildPageAcknowledged(acknowledged.record, acknowledged.page, acknowledged.warRoom);
  for (const message of acknowledged.messages) {
    await deps.slack.chat.update({ ...message, ...closed }).catch((error: unknown) => {
      if (!MESSAGE_GONE.has(slackErrorCode(error) ?? "")) throw error;
    });
  }
}
