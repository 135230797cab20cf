import { and, asc, eq, exists, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { type CaseRow, cases, slaWatch } from "../../db/schema.ts";
import { isOpen } from "./cases.ts";
import type { Executor } from "./database.ts";
import { inListValues, preparedInListStatement, preparedStatement } from "./preparedStatement.ts";

/** At-risk cases listed at most through a prepared statement; App Home lists 10. */
const AT_RISK_LISTED_UP_TO = 20;

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

/**
 * Watched clocks at risk by `now` of open cases. The case is checked by EXISTS rather than joined, so the planner
 * reads sla_watch alone: in due order through its index for a list, over the risk range for a count, never
 * walking every open case to sort them.
 */
const atRisk = (db: Executor) =>
  and(
    isNotNull(slaWatch.riskAt),
    lte(slaWatch.riskAt, sql.placeholder("now")),
    exists(
      db
        .select({ one: sql`1` })
        .from(cases)
        .where(and(eq(cases.id, slaWatch.caseId), isOpen)),
    ),
  );

// App Home reads these three on every open: prepared once, they skip drizzle's build and SQLite's prepare.
const atRiskIds = preparedStatement((db) =>
  db
    .select({ id: slaWatch.caseId })
    .from(slaWatch)
    .where(atRisk(db))
    .orderBy(asc(slaWatch.dueAt), asc(slaWatch.caseId))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

const casesOfIds = preparedInListStatement(AT_RISK_LISTED_UP_TO, (db, ids) =>
  db.select().from(cases).where(inArray(cases.id, ids)).prepare(),
);

// One past the cap tells "more than" from "exactly".
const atRiskCountedUpTo = preparedStatement((db) => {
  const counted = db.$with("counted").as(
    db
      .select({ one: sql`1`.as("one") })
      .from(slaWatch)
      .where(atRisk(db))
      .limit(sql.placeholder("countPastCap")),
  );
  return db.with(counted).select({ n: sql<number>`count(*)` }).from(counted).prepare();
});

export interface CasesAtRisk {
  /** The first `limit` by due instant, soonest first (ties by case id). */
  cases: CaseRow[];
  /** How many are at risk, counted up to `countUpTo`. */
  total: number;
  /** More than `countUpTo` are at risk: `total` is the cap, not the count. */
  moreThanCounted: boolean;
}

/** Open cases whose watched clock is at risk by `now`, the soonest due first, and how many there are up to a cap. */
export function casesAtRiskBy(tx: Executor, now: number, read: { limit: number; countUpTo: number }): CasesAtRisk {
  const ids = atRiskIds(tx)
    .all({ now, limit: read.limit })
    .map((r) => r.id);
  const records = ids.length === 0 ? [] : casesOfIds(tx, ids.length).all(inListValues(ids));
  const byId = new Map(records.map((r) => [r.id, r]));
  const n = atRiskCountedUpTo(tx).get({ now, countPastCap: read.countUpTo + 1 })?.n ?? 0;
  return {
    cases: ids.flatMap((id) => byId.get(id) ?? []),
    total: Math.min(n, read.countUpTo),
    moreThanCounted: n > read.countUpTo,
  };
}
