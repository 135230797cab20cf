import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { type AccountRow, type CaseRow, caseEvents, jobs } from "../../db/schema.ts";
import type { Executor } from "../store/database.ts";
import { type PriorCase, partiesOfCase, priorCasesOfAccount } from "../store/parties.ts";

export interface PartySnapshot {
  partyRole: string;
  account: AccountRow;
  priorCases: PriorCase[];
}

export interface SideEffectProblem {
  jobKind: string;
  error: string;
  at: number;
}

/** Everything the case summary shows, read in one go. */
export interface CaseSnapshot {
  record: CaseRow;
  parties: PartySnapshot[];
  eventCount: number;
  problems: SideEffectProblem[];
}

export function loadCaseSnapshot(tx: Executor, record: CaseRow): CaseSnapshot {
  const parties = partiesOfCase(tx, record.id).map((p) => ({
    ...p,
    priorCases: priorCasesOfAccount(tx, p.account.id, record.id),
  }));
  const eventCount =
    tx.select({ n: sql<number>`count(*)` }).from(caseEvents).where(eq(caseEvents.caseId, record.id)).get()?.n ?? 0;
  const problems = tx
    .select({ jobKind: jobs.kind, error: jobs.lastError, at: jobs.failedAt })
    .from(jobs)
    .where(and(eq(jobs.caseId, record.id), isNotNull(jobs.failedAt)))
    .orderBy(desc(jobs.failedAt))
    .limit(5)
    .all()
    .map((p) => ({ jobKind: p.jobKind, error: p.error ?? "unknown error", at: p.at ?? 0 }));
  return { record, parties, eventCount, problems };
}
