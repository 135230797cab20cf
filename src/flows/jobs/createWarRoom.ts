import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "war_room.create";

/** One war room per case, ever: a case asked for twice gets the first job. */
export const createWarRoomJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId }),
  key: ({ caseId }) => `${kind}:${caseId}`,
});

export const enqueueCreateWarRoom = (tx: Executor, record: CaseRow, now: number) =>
  createWarRoomJob.enqueue(tx, { caseId: record.id, payload: { caseId: record.id }, runAt: now }, now);
