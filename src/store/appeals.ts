import { and, eq, isNull } from "drizzle-orm";
import { type AppealRow, appeals, type DecisionRow, decisions } from "../../db/schema.ts";
import type { AppealOutcome } from "../core/sanctions.ts";
import type { Executor } from "./database.ts";

export function insertAppeal(tx: Executor, row: typeof appeals.$inferInsert): AppealRow {
  return tx.insert(appeals).values(row).returning().get();
}

export function getAppeal(tx: Executor, id: number): AppealRow | undefined {
  return tx.select().from(appeals).where(eq(appeals.id, id)).get();
}

/** The case's appeal that has no outcome yet (at most one at a time). */
export function openAppealOfCase(tx: Executor, caseId: number): AppealRow | undefined {
  return tx
    .select()
    .from(appeals)
    .where(and(eq(appeals.caseId, caseId), isNull(appeals.outcome)))
    .get();
}

export function setAppealReview(
  tx: Executor,
  id: number,
  review: { reviewer: string; rationale: string; outcome?: AppealOutcome; decidedAt?: number },
): void {
  tx.update(appeals).set(review).where(eq(appeals.id, id)).run();
}

export function decisionByPuid(tx: Executor, caseId: number, puid: string): DecisionRow | undefined {
  return tx
    .select()
    .from(decisions)
    .where(and(eq(decisions.caseId, caseId), eq(decisions.puid, puid)))
    .get();
}

/** The later decision that reverses or replaces this one, if any. */
export function supersedingDecision(tx: Executor, decisionId: number): DecisionRow | undefined {
  return tx.select().from(decisions).where(eq(decisions.supersedesDecisionId, decisionId)).get();
}
