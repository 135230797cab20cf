import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import { type ReminderThreshold, SLA_CLOCK_NAMES, type SlaClockState } from "../../core/slaClock.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, type PayloadOf, rowId } from "./defineJob.ts";

const kind = "sla.remind";

/** One reminder: a threshold of one cycle of one clock. Its key is what makes it fire once. */
export const remindSlaJob = defineJob({
  kind,
  payload: z.object({
    caseId: rowId,
    clock: z.enum(SLA_CLOCK_NAMES),
    cycleStart: z.number().int(),
    threshold: z.union([z.literal(0.5), z.literal(0.9), z.literal(1)]),
  }),
  key: ({ caseId, clock, cycleStart, threshold }) =>
    `${kind}:${caseId}:${clock}:${cycleStart}:${Math.round(threshold * 100)}`,
});

export type SlaReminderPayload = PayloadOf<typeof remindSlaJob>;

export function enqueueSlaReminder(
  tx: Executor,
  record: CaseRow,
  clock: SlaClockState,
  threshold: ReminderThreshold,
  now: number,
): void {
  if (clock.cycleStart === null) return;
  const payload: SlaReminderPayload = { caseId: record.id, clock: clock.name, cycleStart: clock.cycleStart, threshold };
  remindSlaJob.enqueue(tx, { caseId: record.id, payload, runAt: now }, now);
}
