import { and, asc, eq, isNotNull, lte, sql } from "drizzle-orm";
import { type CaseRow, cases, slaWatch } from "../../db/schema.ts";
import { isOpen } from "./cases.ts";
import type { Executor } from "./database.ts";

export interface SlaWatchEntry {
  caseId: number;
  riskAt: number | null;
  dueAt: number | null;
  checkedAt: number;
}

export function saveSlaWatch(tx: Executor, entry: SlaWatchEntry): void {
  tx.insert(slaWatch)
    .values(entry)
    .onConflictDoUpdate({
      target: slaWatch.caseId,
      set: { riskAt: entry.riskAt, dueAt: entry.dueAt, checkedAt: entry.checkedAt },
    })
    .run();
}

/** A finished case's clocks no longer run: its row goes, so the risk indexes hold open cases only. */
export function forgetSlaWatch(tx: Executor, caseId: number): void {
  tx.delete(slaWatch).where(eq(slaWatch.caseId, caseId)).run();
}

const atRisk = (now: number) => and(isOpen, isNotNull(slaWatch.riskAt), lte(slaWatch.riskAt, now));

/** Open cases whose watched clock is at risk by `now`, the soonest due first, and how many there are. */
export function casesAtRiskBy(tx: Executor, now: number, limit: number): { cases: CaseRow[]; total: number } {
  const rows = tx
    .select({ record: cases })
    .from(slaWatch)
    .innerJoin(cases, eq(cases.id, slaWatch.caseId))
    .where(atRisk(now))
    .orderBy(asc(slaWatch.dueAt), asc(slaWatch.caseId))
    .limit(limit)
    .all();
  const total =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(slaWatch)
      .innerJoin(cases, eq(cases.id, slaWatch.caseId))
      .where(atRisk(now))
      .get()?.n ?? 0;
  return { cases: rows.map((r) => r.record), total };
}
