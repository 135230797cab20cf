import { rmSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { DecisionExportWriter, type ExportRange, exportBaseName } from "../../core/decisionExport.ts";
import { fail } from "../../core/domainError.ts";
import type { Db } from "../../store/database.ts";
import {
  type DecisionCursor,
  type DecisionPage,
  type DecisionSourceRow,
  type DecisionTextRow,
  decisionSourcePage,
  decisionTextPage,
} from "../../store/decisionExportTexts.ts";
import { openReadOnlySnapshot } from "../../store/readOnlySnapshot.ts";
import { DecisionRenderer, rendererFingerprint } from "./decisionTexts.ts";
import { ExportTextFile } from "./exportTextFile.ts";

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

/** Decisions read and written in one step: about 3 ms on a quiet machine (see bench/exportBuild.ts). */
export const EXPORT_PAGE_ROWS = 250;
/**
 * How long the build may hold the event loop before it yields: the job runs in the bot beside acks. Steps run
 * back to back while the next one, as long as the last, still ends within it (as verifyCaseChain does).
 */
export const EXPORT_HOLD_MS = 4;

/**
 * Visits the decisions taken in the range, oldest first, a page at a time, all from one snapshot (on a connection
 * of its own, so the event loop is free between pages), each with its stored texts and, where those are missing
 * or from another renderer, its sources read from the same snapshot.
 */
export async function forEachDecisionText(
  db: Db,
  range: ExportRange,
  visit: (row: DecisionTextRow, source: () => DecisionSourceRow) => void,
): Promise<void> {
  const snapshot = openReadOnlySnapshot(db);
  try {
    let after: DecisionCursor | undefined;
    let heldSince = performance.now();
    for (;;) {
      const stepStarted = performance.now();
      const page: DecisionPage = { fromMs: range.fromMs, toMs: range.toMs, after, limit: EXPORT_PAGE_ROWS };
      const rows = decisionTextPage(snapshot.tx, page);
      // Read once for the page, and only if a decision in it asks for its sources.
      let sources: DecisionSourceRow[] | undefined;
      rows.forEach((row, i) => {
        visit(row, () => {
          sources ??= decisionSourcePage(snapshot.tx, page);
          const source = sources[i];
          return source?.[0] === row[0] ? source : fail("conflict", `Decision ${row[0]} lost its case or proposal.`);
        });
      });
      const last = rows.at(-1);
      if (last === undefined || rows.length < page.limit) return;
      after = { decidedAt: last[1], id: last[0] };
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
    const renderer = new DecisionRenderer();
    const current = rendererFingerprint();
    await forEachDecisionText(db, range, ([, , storedBy, json, csv], source) => {
      // Stored texts of this very renderer are copied; any other decision is rendered from its sources.
      const stored = storedBy === current && json !== null ? { json, csv } : renderer.render(source());
      if (stored.csv === null) writer.addLeftOutText(stored.json);
      else writer.addStatementTexts(stored.json, stored.csv);
    });
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
