import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "summary.pin";

/** One pin per posted message, named by its `ts`. */
export const pinCaseSummaryJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId }),
  key: ({ caseId }, ts: string) => `${kind}:${caseId}:${ts}`,
});

export const enqueueSummaryPin = (tx: Executor, record: CaseRow, ts: string, now: number) =>
  pinCaseSummaryJob.enqueue(tx, { caseId: record.id, payload: { caseId: record.id }, runAt: now }, now, ts);
