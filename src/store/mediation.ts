import { and, asc, eq, sql } from "drizzle-orm";
import { caseEvents, caseParties, type MediationEntryRow, mediationEntries } from "../../db/schema.ts";
import type { MediationProgress } from "../core/mediation.ts";
import type { Executor } from "./database.ts";

export function insertMediationEntry(tx: Executor, row: typeof mediationEntries.$inferInsert): MediationEntryRow {
  return tx.insert(mediationEntries).values(row).returning().get();
}

/**
 * The entry a modal (by its view id) already logged on the case, if any. mediation_entries has no
 * view id column, so the `mediation_logged` event, written in the same transaction, is the record of it.
 */
export function mediationEntryLoggedFromView(tx: Executor, caseId: number, viewId: string): number | undefined {
  const row = tx
    .select({ entryId: sql<number>`json_extract(${caseEvents.payload}, '$.entryId')` })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.caseId, caseId),
        eq(caseEvents.kind, "mediation_logged"),
        sql`json_extract(${caseEvents.payload}, '$.viewId') = ${viewId}`,
      ),
    )
    .get();
  return row?.entryId;
}

/** Every entry of the case, oldest first, reduced to what the mediation checklist reads. */
export function mediationProgressOfCase(tx: Executor, caseId: number): MediationProgress[] {
  return tx
    .select({
      partyRole: sql<
        string | null
      >`(SELECT ${caseParties.partyRole} FROM ${caseParties} WHERE ${caseParties.caseId} = ${caseId} AND ${caseParties.accountId} = ${mediationEntries.accountId} LIMIT 1)`,
      offerKind: mediationEntries.offerKind,
      outcome: mediationEntries.outcome,
    })
    .from(mediationEntries)
    .where(eq(mediationEntries.caseId, caseId))
    .orderBy(asc(mediationEntries.id))
    .all();
}
