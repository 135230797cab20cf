import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "retention.redact";

/** Redacts one closed case's personal data once its period is over; the run re-checks the rule, so a stale job does nothing. */
export const redactPersonalDataJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId }),
  // `occasion`: the planner's day, or the released hold, so each may queue its own check.
  key: ({ caseId }, occasion: string) => `${kind}:${caseId}:${occasion}`,
});

export const enqueueRedaction = (tx: Executor, caseId: number, occasion: string, runAt: number, now: number) =>
  redactPersonalDataJob.enqueue(tx, { payload: { caseId }, caseId, runAt }, now, occasion);
