import { loadWarRoomInvite } from "../../flows/warRooms/loadWarRoomInvite.ts";
import { recordMemberInvited } from "../../flows/warRooms/recordMemberInvited.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";

// Each of these means the person is (or cannot be made) a member: retrying would not change it.
const ALREADY_FINE = new Set(["already_in_channel", "cant_invite_self"]);

/** Job: invites one person to the war room and records it on the timeline. */
export async function inviteToWarRoom(deps: SlackDeps, payload: unknown): Promise<void> {
  const invite = loadWarRoomInvite(deps, payload);
  try {
    await deps.slack.conversations.invite({ channel: invite.channelId, users: invite.userId });
  } catch (error) {
    if (!ALREADY_FINE.has(slackErrorCode(error) ?? "")) throw error;
    return;
  }
  recordMemberInvited(deps, invite);
}
