import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { jobByKey } from "../../store/jobs.ts";
import { createWarRoomJob } from "../jobs/createWarRoom.ts";

/** Whether the case's war room is open, queued for creation (an invite can wait for it), or not planned. */
export type WarRoomState = "open" | "coming" | "none";

export function warRoomStateOf(tx: Executor, record: CaseRow): WarRoomState {
  if (record.channelId) return "open";
  const create = jobByKey(tx, createWarRoomJob.key({ caseId: record.id }));
  return create && !create.doneAt && !create.failedAt ? "coming" : "none";
}
