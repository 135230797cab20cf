/** What a backup records and a restore checks of the whole case record: counts, held evidence, schema version. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { asc, count, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { caseEvents, cases, evidence, evidenceFiles } from "../../db/schema.ts";
import { type Executor, MIGRATIONS } from "./database.ts";

export interface RecordCounts {
  cases: number;
  events: number;
  evidence: number;
  evidenceFiles: number;
}

export function recordCounts(tx: Executor): RecordCounts {
  const total = (table: typeof cases | typeof caseEvents | typeof evidence | typeof evidenceFiles) =>
    tx.select({ n: count() }).from(table).get()?.n ?? 0;
  return {
    cases: total(cases),
    events: total(caseEvents),
    evidence: total(evidence),
    evidenceFiles: total(evidenceFiles),
  };
}

export interface CaseRef {
  id: number;
  humanId: string;
}

/** Case ids in order, a page at a time, so a million cases are never read at once. */
export function casesAfter(tx: Executor, afterId: number, limit: number): CaseRef[] {
  return tx
    .select({ id: cases.id, humanId: cases.humanId })
    .from(cases)
    .where(gt(cases.id, afterId))
    .orderBy(asc(cases.id))
    .limit(limit)
    .all();
}

export interface HeldBlob {
  sha256: string;
  size: number;
  /** Where it is used first, to name a failure: `TS-2026-0001 E2`. */
  usedBy: string;
}

const redactions = alias(evidence, "redactions");

/** Each evidence blob a live (not redacted) entry holds, once, with the first entry that holds it. */
export function heldEvidenceBlobs(tx: Executor): HeldBlob[] {
  const rows = tx
    .select({ sha256: evidenceFiles.sha256, size: evidenceFiles.size, humanId: cases.humanId, seq: evidence.seq })
    .from(evidenceFiles)
    .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
    .innerJoin(cases, eq(cases.id, evidence.caseId))
    .leftJoin(redactions, eq(redactions.redactsEvidenceId, evidenceFiles.evidenceId))
    .where(isNull(redactions.id))
    .orderBy(asc(evidenceFiles.id))
    .all();
  const held = new Map<string, HeldBlob>();
  for (const row of rows) {
    if (!held.has(row.sha256))
      held.set(row.sha256, { sha256: row.sha256, size: row.size, usedBy: `${row.humanId} E${row.seq}` });
  }
  return [...held.values()];
}

const journalSchema = z.object({ entries: z.array(z.object({ when: z.number(), tag: z.string() })) });

/** The last migration applied to this database, by its tag (`0011_sla_facts`), as Drizzle's journal names it. */
export function lastAppliedMigration(tx: Executor): string {
  const applied = tx.get<{ at: number | null }>(sql`SELECT max(created_at) AS at FROM __drizzle_migrations`);
  const journal = journalSchema.parse(JSON.parse(readFileSync(join(MIGRATIONS, "meta/_journal.json"), "utf8")));
  const entry = journal.entries.find((e) => e.when === Number(applied?.at));
  // A database migrated by a newer release names a migration this release does not know.
  return entry?.tag ?? `unknown (applied at ${applied?.at ?? "never"})`;
}
