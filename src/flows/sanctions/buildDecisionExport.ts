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
import { type Db, inReadSnapshot } from "../../store/database.ts";
import { type DecisionCursor, type DecisionSourceRow, decisionSourcePage } from "../../store/sanctions.ts";
import { statementInputOf } from "./statementOfDecision.ts";

export interface ExportFile {
  filename: string;
  title: string;
  content: string;
}

export interface DecisionExport {
  range: ExportRange;
  /** Statements of reasons in the files. */
  count: number;
  /** Decisions in the range that restrict nothing: on the record, listed in the JSON, no statement. */
  leftOut: number;
  /** The JSON file, then the CSV; empty when no statement falls in the range. */
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
  writer.addStatement({ ...reference, statement: statementFields(input, wording) });
}

/** Decisions read at a time: each page's rows die young (see decisionSourcePage). */
const EXPORT_PAGE_ROWS = 1000;

/** Visits the decisions taken in the range, oldest first, a page at a time, all from one snapshot. */
export function forEachDecisionSource(db: Db, range: ExportRange, visit: (row: DecisionSourceRow) => void): void {
  inReadSnapshot(db, (tx) => {
    let after: DecisionCursor | undefined;
    for (;;) {
      const page = decisionSourcePage(tx, { fromMs: range.fromMs, toMs: range.toMs, after, limit: EXPORT_PAGE_ROWS });
      for (const row of page) visit(row);
      const last = page.at(-1);
      if (last === undefined || page.length < EXPORT_PAGE_ROWS) return;
      after = { decidedAt: last[3], id: last[0] };
    }
  });
}

/** Both files of the decisions taken in the range (the bot and the CLI share this). */
export function buildDecisionExport(db: Db, range: ExportRange): DecisionExport {
  const writer = new DecisionExportWriter(range);
  const worded = wordingCache();
  forEachDecisionSource(db, range, (row) => writeDecision(writer, row, worded));
  const [count, leftOut] = [writer.statementCount, writer.leftOutCount];
  if (count === 0) return { range, count, leftOut, files: [] };
  const base = exportBaseName(range);
  const { json, csv } = writer.files();
  return {
    range,
    count,
    leftOut,
    files: [
      {
        filename: `${base}.json`,
        title: `Statements of reasons ${range.from} to ${range.to} (JSON)`,
        content: json,
      },
      {
        filename: `${base}.csv`,
        title: `Statements of reasons ${range.from} to ${range.to} (CSV)`,
        content: csv,
      },
    ],
  };
}
