import { and, asc, eq, gte, lt } from "drizzle-orm";
import { cases, decisions } from "../../db/schema.ts";
import type { ExportedDecision } from "../core/decisionExport.ts";
import type { Executor } from "./database.ts";

/** Decisions taken in [fromMs, toMs), oldest first, each with its case's human id. */
export function decisionsForExport(tx: Executor, fromMs: number, toMs: number): ExportedDecision[] {
  return tx
    .select({ caseHumanId: cases.humanId, decidedAt: decisions.decidedAt, statement: decisions.statement })
    .from(decisions)
    .innerJoin(cases, eq(decisions.caseId, cases.id))
    .where(and(gte(decisions.decidedAt, fromMs), lt(decisions.decidedAt, toMs)))
    .orderBy(asc(decisions.decidedAt), asc(decisions.id))
    .all()
    .map((row) => ({ ...row, statement: JSON.parse(row.statement) as Record<string, unknown> }));
}
