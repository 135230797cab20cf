import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "war_room.invite";

export const inviteToWarRoomPayload = z.object({ caseId: rowId, userId: z.string().min(1) });

/** `occasion` makes a fresh invite for a new reason to be there (an acknowledged page), should they have left. */
export const inviteToWarRoomJob = defineJob({
  kind,
  payload: inviteToWarRoomPayload,
  key: ({ caseId, userId }, occasion?: string) => `${kind}:${caseId}:${userId}${occasion ? `:${occasion}` : ""}`,
});

export const enqueueInvite = (tx: Executor, record: CaseRow, userId: string, now: number, occasion?: string) =>
  inviteToWarRoomJob.enqueue(
    tx,
    { caseId: record.id, payload: { caseId: record.id, userId }, runAt: now },
    now,
    occasion,
  );
