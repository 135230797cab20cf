import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { type CaseEventRow, caseEvents } from "../../db/schema.ts";
import { canonicalJson, GENESIS_HASH, hashEvent, type StoredEvent } from "../core/auditHash.ts";
import { slaFactsOfEvent } from "../core/slaFacts.ts";
import type { StoredTimelinePayload, TimelineEventKind } from "../core/timelineEvents.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";
import { foldSlaFacts } from "./slaFacts.ts";

export interface NewCaseEvent<K extends TimelineEventKind> {
  caseId: number;
  at: number;
  actor: string;
  kind: K;
  payload: StoredTimelinePayload<K>;
}

/** The case's latest event, whose hash the next one chains to. */
const chainEnd = preparedStatement((db) =>
  db
    .select({ seq: caseEvents.seq, hash: caseEvents.hash })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, sql.placeholder("caseId")))
    .orderBy(desc(caseEvents.seq))
    .limit(1)
    .prepare(),
);

const insertEvent = preparedStatement((db) =>
  db
    .insert(caseEvents)
    .values({
      caseId: sql.placeholder("caseId"),
      seq: sql.placeholder("seq"),
      at: sql.placeholder("at"),
      actor: sql.placeholder("actor"),
      kind: sql.placeholder("kind"),
      payload: sql.placeholder("payload"),
      prevHash: sql.placeholder("prevHash"),
      hash: sql.placeholder("hash"),
    })
    .returning()
    .prepare(),
);

/**
 * Appends one event to the case's chain; call inside the transaction that made the change. An event the
 * SLA clocks read is folded into the case's clock facts here, so no way of recording one can miss them.
 */
export function appendEvent<K extends TimelineEventKind>(tx: Executor, event: NewCaseEvent<K>): CaseEventRow {
  const last = chainEnd(tx).get({ caseId: event.caseId });
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const payloadJson = canonicalJson(event.payload);
  const hash = hashEvent(prevHash, { ...event, seq, payloadJson });
  const { caseId, at, actor, kind } = event;
  const row = insertEvent(tx).get({ caseId, seq, at, actor, kind, payload: payloadJson, prevHash, hash });
  if (!row) throw new Error(`event ${seq} of case ${caseId} was not appended`);
  const facts = slaFactsOfEvent(event);
  if (facts.length > 0) foldSlaFacts(tx, event.caseId, seq, facts);
  return row;
}

/** The seq of the case's latest event, 0 before its first. */
export function latestEventSeq(tx: Executor, caseId: number): number {
  return chainEnd(tx).get({ caseId })?.seq ?? 0;
}

export function eventsOfCase(tx: Executor, caseId: number): CaseEventRow[] {
  return tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq)).all();
}

/** A stored event as the chain check reads it, column by column in the order `chainSliceAfter` selects them. */
type ChainRow = [
  seq: number,
  at: number,
  actor: string,
  kind: string,
  payloadJson: string,
  prevHash: string,
  hash: string,
];

function prepareChainSlice(tx: Executor) {
  const { caseId, seq, at, actor, kind, payload, prevHash, hash } = caseEvents;
  return tx
    .select({ seq, at, actor, kind, payload, prevHash, hash })
    .from(caseEvents)
    .where(and(eq(caseId, sql.placeholder("caseId")), gt(seq, sql.placeholder("afterSeq"))))
    .orderBy(asc(seq))
    .limit(sql.placeholder("limit"))
    .prepare();
}

// Built and prepared once per handle: a long chain is read in dozens of slices, and building each cost a tenth of verify.
const chainSliceStatements = new WeakMap<Executor, ReturnType<typeof prepareChainSlice>>();

/**
 * Up to `limit` of the case's events after seq `afterSeq`, oldest first, as the chain check reads them: one
 * slice of a long chain, read as plain rows, since mapping each row to an object cost verify a third of its time.
 */
export function chainSliceAfter(tx: Executor, caseId: number, afterSeq: number, limit: number): StoredEvent[] {
  let statement = chainSliceStatements.get(tx);
  if (!statement) {
    statement = prepareChainSlice(tx);
    chainSliceStatements.set(tx, statement);
  }
  const rows = statement.values({ caseId, afterSeq, limit }) as ChainRow[];
  return rows.map(([seq, at, actor, kind, payloadJson, prevHash, hash]) => ({
    caseId,
    seq,
    at,
    actor,
    kind,
    payloadJson,
    prevHash,
    hash,
  }));
}

/** The case's events of one kind, oldest first. */
export function eventsOfKind(tx: Executor, caseId: number, kind: TimelineEventKind): CaseEventRow[] {
  return tx
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, kind)))
    .orderBy(asc(caseEvents.seq))
    .all();
}

/** One field of an event's payload; undefined when the payload has no such field. */
export function payloadField(row: Pick<CaseEventRow, "payload">, field: string): unknown {
  const payload: unknown = JSON.parse(row.payload);
  return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>)[field] : undefined;
}

/**
 * The case's first event of `kind` whose payload `field` equals `value`: how a resubmitted modal (its view
 * id) or a retried job (its close) finds what it recorded. Matched after reading rather than with a JSON
 * function of the database, so the query runs unchanged on SQLite and PostgreSQL.
 */
export function eventWithPayloadField(
  tx: Executor,
  query: { caseId: number; kind: TimelineEventKind; field: string; value: string | number },
): CaseEventRow | undefined {
  return eventsOfKind(tx, query.caseId, query.kind).find((row) => payloadField(row, query.field) === query.value);
}

/** Seqs run 1, 2, 3… with no gap (appendEvent, append-only), so the latest seq is the count, read off one index entry. */
export function eventCountOfCase(tx: Executor, caseId: number): number {
  return latestEventSeq(tx, caseId);
}

/** The case's latest `limit` events, oldest first: a timeline reads only what it shows. */
export function latestEventsOfCase(tx: Executor, caseId: number, limit: number): CaseEventRow[] {
  return tx
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(desc(caseEvents.seq))
    .limit(limit)
    .all()
    .reverse();
}

export type TimelineEntry = Pick<CaseEventRow, "caseId" | "at" | "kind" | "payload">;

/** The timelines of several cases in one read, each case's events in order. */
export function timelinesOfCases(tx: Executor, caseIds: readonly number[]): TimelineEntry[] {
  if (caseIds.length === 0) return [];
  return tx
    .select({ caseId: caseEvents.caseId, at: caseEvents.at, kind: caseEvents.kind, payload: caseEvents.payload })
    .from(caseEvents)
    .where(inArray(caseEvents.caseId, [...caseIds]))
    .orderBy(asc(caseEvents.caseId), asc(caseEvents.seq))
    .all();
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
