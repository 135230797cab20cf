import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob } from "./defineJob.ts";

const kind = "oncall.shift_remind";

/** One DM per person and shift start. */
export const remindShiftJob = defineJob({
  kind,
  payload: z.object({ userId: z.string().min(1), startsAt: z.number().int() }),
  key: ({ userId, startsAt }) => `${kind}:${userId}:${startsAt}`,
});

/** True when the reminder was new. */
export const enqueueShiftReminder = (
  tx: Executor,
  shift: { primary: string; at: number },
  runAt: number,
  now: number,
): boolean => remindShiftJob.enqueue(tx, { payload: { userId: shift.primary, startsAt: shift.at }, runAt }, now);
