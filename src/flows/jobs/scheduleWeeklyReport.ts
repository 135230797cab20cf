import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob } from "./defineJob.ts";

const kind = "reports.weekly";

/** One job per reported ISO week, keyed by its Monday: a restart or a second worker queues nothing new. */
export const scheduleWeeklyReportJob = defineJob({
  kind,
  payload: z.object({ monday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  key: ({ monday }) => `${kind}:${monday}`,
});

export const enqueueWeeklyReport = (tx: Executor, monday: string, runAt: number, now: number): boolean =>
  scheduleWeeklyReportJob.enqueue(tx, { payload: { monday }, runAt }, now);
