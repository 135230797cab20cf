import { and, eq, isNull, sql } from "drizzle-orm";
import { type InterimSuspensionRow, interimSuspensions } from "../../db/schema.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

export function insertInterimSuspension(
  tx: Executor,
  row: typeof interimSuspensions.$inferInsert,
): InterimSuspensionRow {
  return tx.insert(interimSuspensions).values(row).returning().get();
}

/** Interim suspensions of a case still in force (not yet confirmed or lifted by a decision). */
export function activeInterimSuspensions(tx: Executor, caseId: number, accountId?: number): InterimSuspensionRow[] {
  if (accountId === undefined) return activeOfCase(tx).all({ caseId });
  return activeOfCaseAndAccount(tx).all({ caseId, accountId });
}

// Status reads the case's on every summary, a decision one account's: each prepared once.
const activeOfCase = preparedStatement((db) =>
  db
    .select()
    .from(interimSuspensions)
    .where(and(eq(interimSuspensions.caseId, sql.placeholder("caseId")), isNull(interimSuspensions.resolution)))
    .prepare(),
);

const activeOfCaseAndAccount = preparedStatement((db) =>
  db
    .select()
    .from(interimSuspensions)
    .where(
      and(
        eq(interimSuspensions.caseId, sql.placeholder("caseId")),
        isNull(interimSuspensions.resolution),
        eq(interimSuspensions.accountId, sql.placeholder("accountId")),
      ),
    )
    .prepare(),
);

export function resolveInterimSuspension(
  tx: Executor,
  id: number,
  resolution: { resolution: "confirmed" | "lifted"; resolvedBy: string; resolvedAt: number },
): void {
  tx.update(interimSuspensions).set(resolution).where(eq(interimSuspensions.id, id)).run();
}
