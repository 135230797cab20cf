import { asc, desc, eq } from "drizzle-orm";
import { type CaseEventRow, caseEvents } from "../../db/schema.ts";
import { canonicalJson, GENESIS_HASH, hashEvent, type StoredEvent } from "../core/auditHash.ts";
import type { StoredTimelinePayload, TimelineEventKind } from "../core/timelineEvents.ts";
import type { Executor } from "./database.ts";

export interface NewCaseEvent<K extends TimelineEventKind> {
  caseId: number;
  at: number;
  actor: string;
  kind: K;
  payload: StoredTimelinePayload<K>;
}

/** Appends one event to the case's chain; call inside the transaction that made the change. */
export function appendEvent<K extends TimelineEventKind>(tx: Executor, event: NewCaseEvent<K>): CaseEventRow {
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

/**
 * A stored payload read back in its kind's type, for an event already known to be of that kind. Only
 * appendEvent writes payloads, each typed by the catalog, so the kind tells the shape.
 */
export function timelinePayload<K extends TimelineEventKind>(_kind: K, payloadJson: string): StoredTimelinePayload<K> {
  return JSON.parse(payloadJson) as StoredTimelinePayload<K>;
}

export function toStoredEvent(row: CaseEventRow): StoredEvent {
  const { caseId, seq, at, actor, kind, prevHash, hash } = row;
  return { caseId, seq, at, actor, kind, payloadJson: row.payload, prevHash, hash };
}
