import { asc, desc, eq } from "drizzle-orm";
import { type CaseEventRow, caseEvents } from "../../db/schema.ts";
import { canonicalJson, GENESIS_HASH, hashEvent, type StoredEvent } from "../core/auditHash.ts";
import type { Executor } from "./database.ts";

export interface NewCaseEvent {
  caseId: number;
  at: number;
  actor: string;
  kind: string;
  payload: Record<string, unknown>;
}

/** Appends one event to the case's chain; call inside the transaction that made the change. */
export function appendEvent(tx: Executor, event: NewCaseEvent): CaseEventRow {
  const last = tx
    .select({ seq: caseEvents.seq, hash: caseEvents.hash })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, event.caseId))
    .orderBy(desc(caseEvents.seq))
    .limit(1)
    .get();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const payloadJson = canonicalJson(event.payload);
  const hash = hashEvent(prevHash, { ...event, seq, payloadJson });
  return tx
    .insert(caseEvents)
    .values({ ...event, seq, payload: payloadJson, prevHash, hash })
    .returning()
    .get();
}

/** The seq of the case's latest event, 0 before its first. */
export function latestEventSeq(tx: Executor, caseId: number): number {
  const row = tx
    .select({ seq: caseEvents.seq })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(desc(caseEvents.seq))
    .limit(1)
    .get();
  return row?.seq ?? 0;
}

export function eventsOfCase(tx: Executor, caseId: number): CaseEventRow[] {
  return tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq)).all();
}

export function toStoredEvent(row: CaseEventRow): StoredEvent {
  const { caseId, seq, at, actor, kind, prevHash, hash } = row;
  return { caseId, seq, at, actor, kind, payloadJson: row.payload, prevHash, hash };
}
