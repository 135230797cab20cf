import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "triage.announce";

export const announceCaseJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId }),
  key: ({ caseId }) => `${kind}:${caseId}`,
});

export const enqueueTriagePost = (tx: Executor, record: CaseRow, now: number) =>
  announceCaseJob.enqueue(tx, { caseId: record.id, payload: { caseId: record.id }, runAt: now }, now);
