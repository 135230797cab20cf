import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "case.close_summary";

/** `closeSeq` (the close's timeline seq) makes one summary per close: an appealed case closes again. */
export const postCloseSummaryJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId, closeSeq: rowId }),
  key: ({ caseId, closeSeq }) => `${kind}:${caseId}:${closeSeq}`,
});

export const enqueueCloseSummary = (tx: Executor, record: CaseRow, closeSeq: number, now: number) =>
  postCloseSummaryJob.enqueue(tx, { caseId: record.id, payload: { caseId: record.id, closeSeq }, runAt: now }, now);
