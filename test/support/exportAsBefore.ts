/**
 * The decision export as it was built before it was made fast: every row read as nested objects, each
 * statement built as the API object with its wording computed afresh, the JSON one JSON.stringify of the
 * whole envelope and the CSV from those objects. The fast path must write the same bytes.
 */
import { and, asc, eq, gte, lt } from "drizzle-orm";
import { cases, decisions, sanctionProposals } from "../../db/schema.ts";
import { EXPORT_COLUMNS, type ExportRange, LEFT_OUT_REASON } from "../../src/core/decisionExport.ts";
import { isSanctionRung } from "../../src/core/sanctions.ts";
import { restrictsSomething } from "../../src/core/statementOfReasons.ts";
import { csvField } from "../../src/core/statementTexts.ts";
import { statementOfDecision } from "../../src/flows/sanctions/statementOfDecision.ts";
import type { Db } from "../../src/store/database.ts";

const cellText = (value: unknown): string => {
  if (value === undefined) return "";
  if (Array.isArray(value)) return value.map(cellText).join("|");
  return typeof value === "string" ? value : JSON.stringify(value);
};

export function exportFilesAsBefore(db: Db, range: ExportRange): { json: string; csv: string } {
  const rows = db
    .select({ decision: decisions, record: cases, proposal: sanctionProposals })
    .from(decisions)
    .innerJoin(cases, eq(decisions.caseId, cases.id))
    .innerJoin(sanctionProposals, eq(decisions.proposalId, sanctionProposals.id))
    .where(and(gte(decisions.decidedAt, range.fromMs), lt(decisions.decidedAt, range.toMs)))
    .orderBy(asc(decisions.decidedAt), asc(decisions.id))
    .all();
  const references = ({ decision, record }: (typeof rows)[number]) => ({
    case_id: record.humanId,
    decision_id: decision.puid,
    decided_at: new Date(decision.decidedAt).toISOString(),
    rung: decision.rung,
  });
  const known = rows.filter(({ decision }) => isSanctionRung(decision.rung));
  const exported = known
    .filter(({ decision }) => restrictsSomething(decision.rung))
    .map((row) => ({ ...references(row), statement: statementOfDecision(row) }));
  const leftOut = known.filter(({ decision }) => !restrictsSomething(decision.rung)).map(references);
  const json = `${JSON.stringify({
    range: { from: range.from, to: range.to },
    statements: exported,
    left_out: { reason: LEFT_OUT_REASON, decisions: leftOut },
  })}\n`;
  const statementColumns = EXPORT_COLUMNS.slice(4) as Array<keyof (typeof exported)[number]["statement"]>;
  const csvRows = exported.map((d) =>
    [d.case_id, d.decision_id, d.decided_at, d.rung, ...statementColumns.map((column) => d.statement[column])]
      .map((value) => csvField(cellText(value)))
      .join(","),
  );
  return { json, csv: `${[EXPORT_COLUMNS.join(","), ...csvRows].join("\r\n")}\r\n` };
}
