import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "war_room.archive";

export const archiveWarRoomPayload = z.object({ caseId: rowId, closeSeq: rowId });

/** `closeSeq` names the close it follows: a case reopened since keeps its room. */
export const archiveWarRoomJob = defineJob({
  kind,
  payload: archiveWarRoomPayload,
  key: ({ caseId, closeSeq }) => `${kind}:${caseId}:${closeSeq}`,
});

export const enqueueArchive = (tx: Executor, record: CaseRow, closeSeq: number, runAt: number, now: number) =>
  archiveWarRoomJob.enqueue(tx, { caseId: record.id, payload: { caseId: record.id, closeSeq }, runAt }, now);
