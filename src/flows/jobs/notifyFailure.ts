import { z } from "zod";
import type { JobRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "case.notify_failure";

/** One notice per failed job, named by its id. */
export const notifyFailureJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId, jobKind: z.string(), error: z.string() }),
  key: (_payload, failedJobId: number) => `${kind}:${failedJobId}`,
});

export function enqueueFailureNotice(tx: Executor, caseId: number, failed: JobRow, error: string, now: number): void {
  notifyFailureJob.enqueue(
    tx,
    { caseId, payload: { caseId, jobKind: failed.kind, error }, runAt: now },
    now,
    failed.id,
  );
}
