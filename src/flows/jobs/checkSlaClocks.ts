import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "sla.check";

/** Re-reads a case's SLA clocks; `occasion` tells this check from the case's others (a version, an instant, a start). */
export const checkSlaClocksJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId }),
  key: ({ caseId }, occasion: string) => `${kind}:${caseId}:${occasion}`,
});

export const enqueueSlaCheck = (tx: Executor, caseId: number, occasion: string, runAt: number, now: number) =>
  checkSlaClocksJob.enqueue(tx, { caseId, payload: { caseId }, runAt }, now, occasion);
