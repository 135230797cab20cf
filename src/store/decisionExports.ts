import { and, eq, isNull } from "drizzle-orm";
import { type DecisionExportOutcome, type DecisionExportRow, decisionExports } from "../../db/schema.ts";
import type { Executor } from "./database.ts";

export interface NewDecisionExport {
  requestedBy: string;
  requestChannelId: string;
  fromDay: string;
  toDay: string;
  requestedAt: number;
}

/** The export in progress for this person, channel and range: the new one, or the one already asked for. */
export function insertOrFindDecisionExport(
  tx: Executor,
  request: NewDecisionExport,
): { row: DecisionExportRow; isNew: boolean } {
  const inserted = tx.insert(decisionExports).values(request).onConflictDoNothing().returning().get();
  if (inserted) return { row: inserted, isNew: true };
  const pending = tx
    .select()
    .from(decisionExports)
    .where(
      and(
        eq(decisionExports.requestedBy, request.requestedBy),
        eq(decisionExports.requestChannelId, request.requestChannelId),
        eq(decisionExports.fromDay, request.fromDay),
        eq(decisionExports.toDay, request.toDay),
        isNull(decisionExports.finishedAt),
      ),
    )
    .get();
  if (!pending) throw new Error("decision export: insert ignored but no export in progress found");
  return { row: pending, isNew: false };
}

export function getDecisionExport(tx: Executor, id: number): DecisionExportRow | undefined {
  return tx.select().from(decisionExports).where(eq(decisionExports.id, id)).get();
}

export function setExportProgressMessage(tx: Executor, id: number, message: { channel: string; ts: string }): void {
  tx.update(decisionExports)
    .set({ progressChannelId: message.channel, progressTs: message.ts })
    .where(eq(decisionExports.id, id))
    .run();
}

/** The files are uploaded and about to be shared: a retry that finds them shared records them as uploaded. */
export function setExportSharing(tx: Executor, id: number, fileIds: readonly string[]): void {
  tx.update(decisionExports)
    .set({ uploadedFileIds: [...fileIds] })
    .where(eq(decisionExports.id, id))
    .run();
}

export function setExportUploaded(tx: Executor, id: number, fileIds: readonly string[], at: number): void {
  tx.update(decisionExports)
    .set({ uploadedAt: at, uploadedFileIds: [...fileIds] })
    .where(eq(decisionExports.id, id))
    .run();
}

export function setExportFinished(
  tx: Executor,
  id: number,
  finish: { outcome: DecisionExportOutcome; failure?: string; at: number },
): void {
  tx.update(decisionExports)
    .set({ finishedAt: finish.at, outcome: finish.outcome, failure: finish.failure ?? null })
    .where(eq(decisionExports.id, id))
    .run();
}
