import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";
import { inviteToWarRoomPayload as inviteJobPayload } from "../jobs/inviteToWarRoom.ts";

// Each of these means the person is (or cannot be made) a member: retrying would not change it.
const ALREADY_FINE = new Set(["already_in_channel", "cant_invite_self"]);

/** Job: invites one person to the war room and records it on the timeline. */
export async function inviteToWarRoom(deps: FlowDeps, payload: unknown): Promise<void> {
  const { caseId, userId } = inviteJobPayload.parse(payload);
  const record = getCase(deps.db, caseId);
  if (!record?.channelId) throw new Error(`case ${caseId} has no war room to invite to`);
  try {
    await deps.slack.conversations.invite({ channel: record.channelId, users: userId });
  } catch (error) {
    if (!ALREADY_FINE.has(slackErrorCode(error) ?? "")) throw error;
    return;
  }
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) =>
    appendEvent(tx, { caseId, at: now, actor: deps.botUserId, kind: "member_invited", payload: { userId } }),
  );
}
