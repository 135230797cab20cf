import {
  type DecisionReference,
  decisionsToCsv,
  decisionsToJson,
  type ExportedStatement,
  type ExportRange,
  exportBaseName,
} from "../../core/decisionExport.ts";
import { fail } from "../../core/domainError.ts";
import { isSanctionRung } from "../../core/sanctions.ts";
import { restrictsSomething } from "../../core/statementOfReasons.ts";
import type { Executor } from "../../store/database.ts";
import { decisionsWithSourcesBetween } from "../../store/sanctions.ts";
import { statementOfDecision } from "./statementOfDecision.ts";

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

/** Both files of the decisions taken in the range (the bot and the CLI share this). */
export function buildDecisionExport(tx: Executor, range: ExportRange): DecisionExport {
  const exported: ExportedStatement[] = [];
  const leftOut: DecisionReference[] = [];
  for (const { decision, record, proposal } of decisionsWithSourcesBetween(tx, range.fromMs, range.toMs)) {
    const rung = isSanctionRung(decision.rung)
      ? decision.rung
      : fail("conflict", `${decision.puid} has an unknown rung ${decision.rung}.`);
    const reference = { caseHumanId: record.humanId, decisionId: decision.puid, decidedAt: decision.decidedAt, rung };
    if (!restrictsSomething(rung)) {
      leftOut.push(reference);
      continue;
    }
    exported.push({
      ...reference,
      statement: statementOfDecision({ record, proposal, decision: { ...decision, rung } }),
    });
  }
  if (exported.length === 0) return { range, count: 0, leftOut: leftOut.length, files: [] };
  const base = exportBaseName(range);
  return {
    range,
    count: exported.length,
    leftOut: leftOut.length,
    files: [
      {
        filename: `${base}.json`,
        title: `Statements of reasons ${range.from} to ${range.to} (JSON)`,
        content: decisionsToJson(range, exported, leftOut),
      },
      {
        filename: `${base}.csv`,
        title: `Statements of reasons ${range.from} to ${range.to} (CSV)`,
        content: decisionsToCsv(exported),
      },
    ],
  };
}
