import { and, eq, isNull } from "drizzle-orm";
import { type InterimSuspensionRow, interimSuspensions } from "../../db/schema.ts";
import type { Executor } from "./database.ts";

export function insertInterimSuspension(
  tx: Executor,
  row: typeof interimSuspensions.$inferInsert,
): InterimSuspensionRow {
  return tx.insert(interimSuspensions).values(row).returning().get();
}

/** Interim suspensions of a case still in force (not yet confirmed or lifted by a decision). */
export function activeInterimSuspensions(tx: Executor, caseId: number, accountId?: number): InterimSuspensionRow[] {
  return tx
    .select()
    .from(interimSuspensions)
    .where(
      and(
        eq(interimSuspensions.caseId, caseId),
        isNull(interimSuspensions.resolution),
        accountId === undefined ? undefined : eq(interimSuspensions.accountId, accountId),
      ),
    )
    .all();
}

export function resolveInterimSuspension(
  tx: Executor,
  id: number,
  resolution: { resolution: "confirmed" | "lifted"; resolvedBy: string; resolvedAt: number },
): void {
  tx.update(interimSuspensions).set(resolution).where(eq(interimSuspensions.id, id)).run();
}
