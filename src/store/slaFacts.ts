import { eq, inArray, sql } from "drizzle-orm";
import { slaFacts } from "../../db/schema.ts";
import type { SlaFact } from "../core/slaClock.ts";
import { relevantSlaFacts } from "../core/slaFacts.ts";
import type { Executor } from "./database.ts";
import { inListValues, preparedInListStatement, preparedStatement } from "./preparedStatement.ts";

/** Folds the facts of the case's event `seq` into what its clocks read; appendEvent calls it in its transaction. */
export function foldSlaFacts(tx: Executor, caseId: number, seq: number, facts: readonly SlaFact[]): void {
  const kept = keptFacts(tx).get({ caseId });
  const next = relevantSlaFacts([...(kept?.facts ?? []), ...facts]);
  writeFacts(tx).run({ caseId, facts: next, throughSeq: seq });
}

const keptFacts = preparedStatement((db) =>
  db
    .select({ facts: slaFacts.facts })
    .from(slaFacts)
    .where(eq(slaFacts.caseId, sql.placeholder("caseId")))
    .prepare(),
);

const writeFacts = preparedStatement((db) =>
  db
    .insert(slaFacts)
    .values({
      caseId: sql.placeholder("caseId"),
      facts: sql.placeholder("facts"),
      throughSeq: sql.placeholder("throughSeq"),
    })
    // The row this insert proposed (SQLite and PostgreSQL both call it `excluded`).
    .onConflictDoUpdate({
      target: slaFacts.caseId,
      set: {
        facts: sql.raw(`excluded."${slaFacts.facts.name}"`),
        throughSeq: sql.raw(`excluded."${slaFacts.throughSeq.name}"`),
      },
    })
    .prepare(),
);

// Status reads one case's facts, App Home its at-risk cases' (10): lists up to a page of them are prepared once.
const factsOfCases = preparedInListStatement(20, (db, caseIds) =>
  db
    .select({ caseId: slaFacts.caseId, facts: slaFacts.facts })
    .from(slaFacts)
    .where(inArray(slaFacts.caseId, caseIds))
    .prepare(),
);

/** What the clocks of each case read, one row per case; a case with no such event yet has none. */
export function slaFactsOfCases(tx: Executor, caseIds: readonly number[]): Map<number, SlaFact[]> {
  if (caseIds.length === 0) return new Map();
  const rows = factsOfCases(tx, caseIds.length).all(inListValues(caseIds));
  return new Map(rows.map((r) => [r.caseId, r.facts]));
}
