import type { JobRow } from "../../../db/schema.ts";
import { inTransaction } from "../../store/database.ts";
import { copyDatabaseInWorker, copyDatabaseOnline } from "../../store/databaseCopy.ts";
import { extendJobLease } from "../../store/jobs.ts";
import type { FlowDeps } from "../deps.ts";
import type { PayloadOf } from "../jobs/defineJob.ts";
import { enqueueScheduledBackup, type takeScheduledBackupJob } from "../jobs/takeScheduledBackup.ts";
import { pruneBackups } from "./pruneBackups.ts";
import { takeBackup } from "./takeBackup.ts";

/** About 400 KB per step: each step blocks the event loop for about a millisecond, a request's wait at most. */
const IN_MEMORY_PAGES_PER_STEP = 100;

/** At start, when BACKUP_DIR is set: the current period's backup, due now (kept once per period by its key). */
export function startBackupSchedule(deps: FlowDeps): void {
  const schedule = deps.config.backup;
  if (!schedule) return;
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => enqueueScheduledBackup(tx, Math.floor(now / schedule.everyMs), now, now));
}

/**
 * Job: queues the next period's backup first (so a failing backup, retried by the runner, never stops the
 * schedule), then copies the database in a worker thread (one read snapshot, see copyDatabaseInWorker) and
 * keeps the newest BACKUP_KEEP backups. A backup of a big database outlives the runner's lease
 * (JOB_LEASE_SECONDS), so the job holds its lease for one period: another bot would otherwise claim it and take a
 * second backup of the period. After a crash mid-backup the period's backup runs again once that hold ends.
 */
export async function takeScheduledBackup(
  deps: FlowDeps,
  { period }: PayloadOf<typeof takeScheduledBackupJob>,
  job: JobRow,
): Promise<void> {
  const schedule = deps.config.backup;
  if (!schedule) {
    deps.log.info({ period }, "scheduled backup skipped: BACKUP_DIR is no longer set");
    return;
  }
  const now = deps.clock.now();
  const held = inTransaction(deps.db, (tx) => {
    enqueueScheduledBackup(tx, period + 1, (period + 1) * schedule.everyMs, now);
    return extendJobLease(tx, { id: job.id, owner: job.leasedBy ?? "", until: now + schedule.everyMs });
  });
  if (!held) {
    deps.log.warn({ jobId: job.id, period }, "backup job's lease was taken by another worker; it takes the backup");
    return;
  }
  await backUpAndPrune(deps, schedule, now);
  deps.wakeScheduler();
}

async function backUpAndPrune(
  deps: FlowDeps,
  schedule: NonNullable<FlowDeps["config"]["backup"]>,
  now: number,
): Promise<void> {
  const sqlite = deps.db.$client;
  const { path, manifest } = await takeBackup({
    // A file: copied in a worker, one snapshot that no other bot's write restarts. An in-memory database has no
    // file a worker could open: the bot's own connection copies it in steps.
    copyDatabase: (destination) =>
      sqlite.memory
        ? copyDatabaseOnline(deps.db, destination, { pagesPerStep: IN_MEMORY_PAGES_PER_STEP })
        : copyDatabaseInWorker(sqlite.name, destination),
    evidenceDir: deps.config.evidenceDir,
    outDir: schedule.dir,
    now,
  });
  const removed = await pruneBackups(schedule.dir, schedule.keep);
  deps.log.info(
    { backup: path, ...manifest.counts, missingBlobs: manifest.missingBlobs.length, removed: removed.length },
    "backup taken",
  );
  if (manifest.missingBlobs.length > 0) {
    deps.log.warn({ backup: path, missing: manifest.missingBlobs.map((b) => b.usedBy) }, "evidence files missing");
  }
}
