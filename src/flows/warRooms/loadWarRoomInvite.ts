import { getCase } from "../../store/cases.ts";
import type { FlowDeps } from "../deps.ts";
import { inviteToWarRoomPayload as inviteJobPayload } from "../jobs/inviteToWarRoom.ts";

export interface WarRoomInvite {
  caseId: number;
  userId: string;
  channelId: string;
}

/** Who an invite job brings into which war room; a case without a room fails the job. */
export function loadWarRoomInvite(deps: FlowDeps, payload: unknown): WarRoomInvite {
  const { caseId, userId } = inviteJobPayload.parse(payload);
  const record = getCase(deps.db, caseId);
  if (!record?.channelId) throw new Error(`case ${caseId} has no war room to invite to`);
  return { caseId, userId, channelId: record.channelId };
}
