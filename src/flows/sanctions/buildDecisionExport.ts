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
import type { Executor } from "../../store/database.ts";
import { type DecisionSourceRow, decisionsWithSourcesBetween } from "../../store/sanctions.ts";
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
  const rung = isSanctionRung(row.rung) ? row.rung : fail("conflict", `${row.puid} has an unknown rung ${row.rung}.`);
  const reference = { caseHumanId: row.caseHumanId, decisionId: row.puid, decidedAt: row.decidedAt, rung };
  if (!restrictsSomething(rung)) {
    writer.addLeftOut(reference);
    return;
  }
  const { clauses, wording } = worded(rung, row.clausesJson);
  const input = statementInputOf({
    record: {
      humanId: row.caseHumanId,
      category: row.category,
      source: row.source,
      occurredAt: row.occurredAt,
      createdAt: row.createdAt,
    },
    proposal: { clauses, facts: row.facts },
    decision: { rung, puid: row.puid, appliesFrom: row.appliesFrom, appliesUntil: row.appliesUntil },
  });
  writer.addStatement({ ...reference, statement: statementFields(input, wording) });
}

/** Both files of the decisions taken in the range (the bot and the CLI share this). */
export function buildDecisionExport(tx: Executor, range: ExportRange): DecisionExport {
  const writer = new DecisionExportWriter(range);
  const worded = wordingCache();
  for (const row of decisionsWithSourcesBetween(tx, range.fromMs, range.toMs)) writeDecision(writer, row, worded);
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
