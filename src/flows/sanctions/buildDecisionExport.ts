import { rmSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { PolicyClauseId } from "../../core/categories.ts";
import { DecisionExportWriter, type ExportRange, exportBaseName } from "../../core/decisionExport.ts";
import { fail } from "../../core/domainError.ts";
import { isSanctionRung, type SanctionRung } from "../../core/sanctions.ts";
import {
  restrictsSomething,
  type StatementWording,
  statementFields,
  statementWording,
} from "../../core/statementOfReasons.ts";
import type { Db } from "../../store/database.ts";
import { openReadOnlySnapshot } from "../../store/readOnlySnapshot.ts";
import { type DecisionCursor, type DecisionSourceRow, decisionSourcePage } from "../../store/sanctions.ts";
import { ExportTextFile } from "./exportTextFile.ts";
import { statementInputOf } from "./statementOfDecision.ts";

export interface ExportFile {
  filename: string;
  title: string;
  /** Where the file was written. */
  path: string;
}

export interface DecisionExport {
  range: ExportRange;
  /** Statements of reasons in the files. */
  count: number;
  /** Decisions in the range that restrict nothing: on the record, listed in the JSON, no statement. */
  leftOut: number;
  /** The JSON file, then the CSV; none (and nothing left in the folder) when no statement falls in the range. */
  files: ExportFile[];
}

interface WordedClauses {
  clauses: PolicyClauseId[];
  wording: StatementWording;
}

/** The clauses and wording of each rung and clause list met, parsed and worded on first sight only. */
function wordingCache() {
  const known = new Map<string, WordedClauses>();
  return (rung: SanctionRung, clausesJson: string): WordedClauses => {
    const key = `${rung} ${clausesJson}`;
    let worded = known.get(key);
    if (worded === undefined) {
      const clauses = JSON.parse(clausesJson) as PolicyClauseId[];
      worded = { clauses, wording: statementWording(rung, clauses) };
      known.set(key, worded);
    }
    return worded;
  };
}

/** Writes one decision into the files: a statement of reasons, or a line in `left_out`. */
function writeDecision(writer: DecisionExportWriter, row: DecisionSourceRow, worded: ReturnType<typeof wordingCache>) {
  const [, puid, rungText, decidedAt, appliesFrom, appliesUntil, humanId, category, source, occurredAt, createdAt] =
    row;
  const rung = isSanctionRung(rungText) ? rungText : fail("conflict", `${puid} has an unknown rung ${rungText}.`);
  const reference = { caseHumanId: humanId, decisionId: puid, decidedAt, rung };
  if (!restrictsSomething(rung)) {
    writer.addLeftOut(reference);
    return;
  }
  const { clauses, wording } = worded(rung, row[11]);
  const input = statementInputOf({
    record: { humanId, category, source, occurredAt, createdAt },
    proposal: { clauses, facts: row[12] },
    decision: { rung, puid, appliesFrom, appliesUntil },
  });
  // What the repeating fields are derived from (statementFields): decisions alike in these share their texts.
  const shape = `${rung} ${category} ${source} ${row[11]}`;
  writer.addStatement({ ...reference, statement: statementFields(input, wording) }, shape);
}

/** Decisions read and written in one step: about 3 ms on a quiet machine (see bench/exportBuild.ts). */
export const EXPORT_PAGE_ROWS = 250;
/**
 * How long the build may hold the event loop before it yields: the job runs in the bot beside acks. Steps run
 * back to back while the next one, as long as the last, still ends within it (as verifyCaseChain does).
 */
export const EXPORT_HOLD_MS = 4;

/**
 * Visits the decisions taken in the range, oldest first, a page at a time, all from one snapshot (on a connection
 * of its own, so the event loop is free between pages).
 */
export async function forEachDecisionSource(
  db: Db,
  range: ExportRange,
  visit: (row: DecisionSourceRow) => void,
): Promise<void> {
  const snapshot = openReadOnlySnapshot(db);
  try {
    let after: DecisionCursor | undefined;
    let heldSince = performance.now();
    for (;;) {
      const stepStarted = performance.now();
      const limit = EXPORT_PAGE_ROWS;
      const page = decisionSourcePage(snapshot.tx, { fromMs: range.fromMs, toMs: range.toMs, after, limit });
      for (const row of page) visit(row);
      const last = page.at(-1);
      if (last === undefined || page.length < limit) return;
      after = { decidedAt: last[3], id: last[0] };
      const now = performance.now();
      if (now - heldSince + (now - stepStarted) > EXPORT_HOLD_MS) {
        await yieldToEventLoop();
        heldSince = performance.now();
      }
    }
  } finally {
    snapshot.close();
  }
}

const titleOf = (range: ExportRange, kind: string) => `Statements of reasons ${range.from} to ${range.to} (${kind})`;

/**
 * Writes both files of the decisions taken in the range into `folder`, as they are read: memory holds a page of
 * rows and a few hundred KB of text, not the files (the bot and the CLI share this).
 */
export async function buildDecisionExport(db: Db, range: ExportRange, folder: string): Promise<DecisionExport> {
  const base = exportBaseName(range);
  const json = { filename: `${base}.json`, title: titleOf(range, "JSON"), path: join(folder, `${base}.json`) };
  const csv = { filename: `${base}.csv`, title: titleOf(range, "CSV"), path: join(folder, `${base}.csv`) };
  const jsonFile = new ExportTextFile(json.path);
  let csvFile: ExportTextFile | undefined;
  let writer: DecisionExportWriter;
  try {
    csvFile = new ExportTextFile(csv.path);
    writer = new DecisionExportWriter(range, { json: jsonFile, csv: csvFile });
    const worded = wordingCache();
    await forEachDecisionSource(db, range, (row) => writeDecision(writer, row, worded));
    writer.finish();
  } finally {
    jsonFile.close();
    csvFile?.close();
  }
  const [count, leftOut] = [writer.statementCount, writer.leftOutCount];
  if (count > 0) return { range, count, leftOut, files: [json, csv] };
  for (const file of [json, csv]) rmSync(file.path);
  return { range, count, leftOut, files: [] };
}
