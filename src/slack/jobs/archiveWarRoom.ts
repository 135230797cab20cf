import { loadWarRoomToArchive } from "../../flows/warRooms/loadWarRoomToArchive.ts";
import { recordWarRoomArchived } from "../../flows/warRooms/recordWarRoomArchived.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";

/** Job, due a grace period after a close: archives the war room unless the case was reopened since. */
export async function archiveWarRoom(deps: SlackDeps, payload: unknown): Promise<void> {
  const room = loadWarRoomToArchive(deps, payload);
  if (!room) return;
  await deps.slack.conversations.archive({ channel: room.channelId }).catch((error: unknown) => {
    // Someone archived it by hand: the room is where it should be.
    if (slackErrorCode(error) !== "already_archived") throw error;
  });
  recordWarRoomArchived(deps, room);
}
