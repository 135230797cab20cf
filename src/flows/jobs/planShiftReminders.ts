import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob } from "./defineJob.ts";

const kind = "oncall.plan_shifts";

/** Daily (and after each schedule change): `occasion` is the local date, or the change. */
export const planShiftRemindersJob = defineJob({
  kind,
  payload: z.object({}),
  key: (_payload, occasion: string) => `${kind}:${occasion}`,
});

export const enqueueShiftPlanning = (tx: Executor, occasion: string, runAt: number, now: number) =>
  planShiftRemindersJob.enqueue(tx, { payload: {}, runAt }, now, occasion);
