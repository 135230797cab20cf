import { eq, inArray } from "drizzle-orm";
import { slaFacts } from "../../db/schema.ts";
import type { SlaFact } from "../core/slaClock.ts";
import { relevantSlaFacts } from "../core/slaFacts.ts";
import type { Executor } from "./database.ts";

/** Folds the facts of the case's event `seq` into what its clocks read; appendEvent calls it in its transaction. */
export function foldSlaFacts(tx: Executor, caseId: number, seq: number, facts: readonly SlaFact[]): void {
  const kept = tx.select({ facts: slaFacts.facts }).from(slaFacts).where(eq(slaFacts.caseId, caseId)).get();
  const next = relevantSlaFacts([...(kept?.facts ?? []), ...facts]);
  tx.insert(slaFacts)
    .values({ caseId, facts: next, throughSeq: seq })
    .onConflictDoUpdate({ target: slaFacts.caseId, set: { facts: next, throughSeq: seq } })
    .run();
}

/** What the clocks of each case read, one row per case; a case with no such event yet has none. */
export function slaFactsOfCases(tx: Executor, caseIds: readonly number[]): Map<number, SlaFact[]> {
  if (caseIds.length === 0) return new Map();
  const rows = tx
    .select({ caseId: slaFacts.caseId, facts: slaFacts.facts })
    .from(slaFacts)
    .where(inArray(slaFacts.caseId, [...caseIds]))
    .all();
  return new Map(rows.map((r) => [r.caseId, r.facts]));
}
