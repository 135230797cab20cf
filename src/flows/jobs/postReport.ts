import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "reports.post";

/** One job per report run: its progress message, upload and figures are recorded on the run's row. */
export const postReportJob = defineJob({
  kind,
  payload: z.object({ reportId: rowId }),
  key: ({ reportId }) => `${kind}:${reportId}`,
});

export const enqueueReportPost = (tx: Executor, reportId: number, now: number): boolean =>
  postReportJob.enqueue(tx, { payload: { reportId }, runAt: now }, now);
