import { getCase } from "../../store/cases.ts";
import type { Executor } from "../../store/database.ts";

/**
 * The channel the case's room posts go to: its war room, or the triage channel whose thread it lives in
 * while it has none. Undefined for a case that does not exist (its job fails on its own).
 */
export function caseRoomChannel(tx: Executor, caseId: number, triageChannelId: string): string | undefined {
  const record = getCase(tx, caseId);
  if (!record) return undefined;
  return record.channelId ?? triageChannelId;
}
