import { and, asc, desc, eq, sql } from "drizzle-orm";
import {
  type CaseEventRow,
  caseEvents,
  decisions,
  type SanctionProposalRow,
  sanctionProposals,
} from "../../db/schema.ts";
import type { Executor } from "./database.ts";

/** Proposals of the case still being voted on: a case is not closed under them. */
export function openProposalsOfCase(tx: Executor, caseId: number): SanctionProposalRow[] {
  return tx
    .select()
    .from(sanctionProposals)
    .where(and(eq(sanctionProposals.caseId, caseId), eq(sanctionProposals.status, "open")))
    .orderBy(asc(sanctionProposals.seq))
    .all();
}

export function decisionCountOfCase(tx: Executor, caseId: number): number {
  return tx.select({ n: sql<number>`count(*)` }).from(decisions).where(eq(decisions.caseId, caseId)).get()?.n ?? 0;
}

/** The case's latest event of `kind` (its latest close, say). */
export function latestEventOfKind(tx: Executor, caseId: number, kind: string): CaseEventRow | undefined {
  return tx
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, kind)))
    .orderBy(desc(caseEvents.seq))
    .limit(1)
    .get();
}

/** The event of `kind` recorded for one close (its payload's closeSeq), so a retried job does its work once. */
export function eventOfClose(tx: Executor, caseId: number, kind: string, closeSeq: number): CaseEventRow | undefined {
  return tx
    .select()
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.caseId, caseId),
        eq(caseEvents.kind, kind),
        sql`json_extract(${caseEvents.payload}, '$.closeSeq') = ${closeSeq}`,
      ),
    )
    .get();
}

export function eventBySeq(tx: Executor, caseId: number, seq: number): CaseEventRow | undefined {
  return tx
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.seq, seq)))
    .get();
}
