import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "sanctions.export_decisions";

/** One job per export request: its progress message, build and upload are recorded on the request row. */
export const exportDecisionsJob = defineJob({
  kind,
  payload: z.object({ exportId: rowId }),
  key: ({ exportId }) => `${kind}:${exportId}`,
});

export const enqueueDecisionExport = (tx: Executor, exportId: number, now: number): boolean =>
  exportDecisionsJob.enqueue(tx, { payload: { exportId }, runAt: now }, now);
