import { and, asc, eq, inArray, isNull, max, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type EvidenceFileRow, type EvidenceRow, evidence, evidenceFiles } from "../../db/schema.ts";
import type { Executor } from "./database.ts";
import { eventWithPayloadField, payloadField } from "./events.ts";
import { preparedStatement } from "./preparedStatement.ts";

export type NewEvidenceRow = typeof evidence.$inferInsert;
export type NewEvidenceFileRow = typeof evidenceFiles.$inferInsert;

export function nextEvidenceSeq(tx: Executor, caseId: number): number {
  const row = tx
    .select({ last: max(evidence.seq) })
    .from(evidence)
    .where(eq(evidence.caseId, caseId))
    .get();
  return (row?.last ?? 0) + 1;
}

export function insertEvidence(tx: Executor, row: NewEvidenceRow): EvidenceRow {
  return tx.insert(evidence).values(row).returning().get();
}

export function insertEvidenceFiles(tx: Executor, rows: NewEvidenceFileRow[]): EvidenceFileRow[] {
  if (rows.length === 0) return [];
  return tx.insert(evidenceFiles).values(rows).returning().all();
}

export function getEvidenceBySeq(tx: Executor, caseId: number, seq: number): EvidenceRow | undefined {
  return tx
    .select()
    .from(evidence)
    .where(and(eq(evidence.caseId, caseId), eq(evidence.seq, seq)))
    .get();
}

/** Every entry of a case, redactions included, in E-number order. */
export function evidenceOfCase(tx: Executor, caseId: number): EvidenceRow[] {
  return tx.select().from(evidence).where(eq(evidence.caseId, caseId)).orderBy(asc(evidence.seq)).all();
}

/** Evidence entries of the case, not counting redactions. */
// Read by every case summary and status: prepared once.
const liveEvidenceCount = preparedStatement((db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(evidence)
    .where(and(eq(evidence.caseId, sql.placeholder("caseId")), isNull(evidence.redactsEvidenceId)))
    .prepare(),
);

export function liveEvidenceCountOfCase(tx: Executor, caseId: number): number {
  return liveEvidenceCount(tx).get({ caseId })?.n ?? 0;
}

/** The entry that redacts `evidenceId`, if any. */
export function redactionOf(tx: Executor, evidenceId: number): EvidenceRow | undefined {
  return tx.select().from(evidence).where(eq(evidence.redactsEvidenceId, evidenceId)).get();
}

/** The entries' files, grouped by entry (in the order of `evidence_files_entry`), each entry's in upload order. */
export function filesOfEvidence(tx: Executor, evidenceIds: number[]): EvidenceFileRow[] {
  if (evidenceIds.length === 0) return [];
  return tx
    .select()
    .from(evidenceFiles)
    .where(inArray(evidenceFiles.evidenceId, evidenceIds))
    .orderBy(asc(evidenceFiles.evidenceId), asc(evidenceFiles.id))
    .all();
}

const redactions = alias(evidence, "redactions");

/** Whether an entry of any case that is not redacted still holds these bytes. */
export function isBlobHeldByLiveEvidence(tx: Executor, sha256: string): boolean {
  const row = tx
    .select({ id: evidenceFiles.id })
    .from(evidenceFiles)
    .leftJoin(redactions, eq(redactions.redactsEvidenceId, evidenceFiles.evidenceId))
    .where(and(eq(evidenceFiles.sha256, sha256), sql`${redactions.id} IS NULL`))
    .limit(1)
    .get();
  return row !== undefined;
}

/** The E-number an `evidence_added` event recorded for this modal view, so a second submission finds it. */
export function evidenceSeqAddedByView(tx: Executor, caseId: number, viewId: string): number | undefined {
  const event = eventWithPayloadField(tx, { caseId, kind: "evidence_added", field: "viewId", value: viewId });
  const seq = event && payloadField(event, "seq");
  return typeof seq === "number" ? seq : undefined;
}
