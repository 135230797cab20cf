import { eq } from "drizzle-orm";
import { type NewReportRunRow, type ReportOutcome, type ReportRunRow, reportRuns } from "../../db/schema.ts";
import type { Executor } from "./database.ts";

/** A new run; for a scheduled one, the run already recorded under its schedule key if there is one. */
export function insertOrFindReportRun(tx: Executor, run: NewReportRunRow): { row: ReportRunRow; isNew: boolean } {
  const inserted = tx.insert(reportRuns).values(run).onConflictDoNothing().returning().get();
  if (inserted) return { row: inserted, isNew: true };
  const existing =
    run.scheduleKey == null
      ? undefined
      : tx.select().from(reportRuns).where(eq(reportRuns.scheduleKey, run.scheduleKey)).get();
  if (!existing) throw new Error("report run: insert ignored but no run under its schedule key");
  return { row: existing, isNew: false };
}

export function getReportRun(tx: Executor, id: number): ReportRunRow | undefined {
  return tx.select().from(reportRuns).where(eq(reportRuns.id, id)).get();
}

export function setReportProgressMessage(tx: Executor, id: number, message: { channel: string; ts: string }): void {
  tx.update(reportRuns)
    .set({ progressChannelId: message.channel, progressTs: message.ts })
    .where(eq(reportRuns.id, id))
    .run();
}

/** The files are uploaded and about to be shared: a retry that finds them shared records them as uploaded. */
export function setReportSharing(tx: Executor, id: number, fileIds: readonly string[]): void {
  tx.update(reportRuns)
    .set({ uploadedFileIds: [...fileIds] })
    .where(eq(reportRuns.id, id))
    .run();
}

export function setReportUploaded(tx: Executor, id: number, fileIds: readonly string[], at: number): void {
  tx.update(reportRuns)
    .set({ uploadedAt: at, uploadedFileIds: [...fileIds] })
    .where(eq(reportRuns.id, id))
    .run();
}

export function setReportFinished(
  tx: Executor,
  id: number,
  finish: { outcome: ReportOutcome; failure?: string; at: number },
): void {
  tx.update(reportRuns)
    .set({ finishedAt: finish.at, outcome: finish.outcome, failure: finish.failure ?? null })
    .where(eq(reportRuns.id, id))
    .run();
}
