import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob } from "./defineJob.ts";

const kind = "backup.take";

/** One job per period of BACKUP_EVERY_HOURS since the epoch: a restart within a period queues nothing new. */
export const takeScheduledBackupJob = defineJob({
  kind,
  payload: z.object({ period: z.number().int().nonnegative() }),
  key: ({ period }) => `${kind}:${period}`,
});

export const enqueueScheduledBackup = (tx: Executor, period: number, runAt: number, now: number): boolean =>
  takeScheduledBackupJob.enqueue(tx, { payload: { period }, runAt }, now);
