import { z } from "zod";
import type { ConsultRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "consult.remind";

/** `reminder` counts from 1 (the one at the due time); each has its own idempotency key. */
export const remindOverdueConsultJob = defineJob({
  kind,
  payload: z.object({ consultId: rowId, reminder: rowId }),
  key: ({ consultId, reminder }) => `${kind}:${consultId}:${reminder}`,
});

export function enqueueConsultReminder(
  tx: Executor,
  consult: ConsultRow,
  reminder: number,
  runAt: number,
  now: number,
): void {
  remindOverdueConsultJob.enqueue(
    tx,
    { caseId: consult.caseId, payload: { consultId: consult.id, reminder }, runAt },
    now,
  );
}
