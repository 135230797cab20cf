import { fail } from "./domainError.ts";
import type { StatementOfReasons } from "./statementOfReasons.ts";

/** One decision as exported: its stored statement of reasons and where it came from. */
export interface ExportedDecision {
  caseHumanId: string;
  decidedAt: number;
  /** The statement as stored (Transparency Database field names). */
  statement: Record<string, unknown>;
}

/** An export range in UTC: `fromMs` inclusive, `toMs` exclusive (the day after `to`). */
export interface ExportRange {
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
}

const DAY_MS = 24 * 60 * 60_000;
export const EXPORT_MAX_DAYS = 366;
export const EXPORT_USAGE = "export decisions <from> <to>";
const DATES_HINT = "Give two dates as YYYY-MM-DD (UTC, both days included), e.g. 2026-01-01 2026-03-31.";

/** A real calendar date (2026-02-30 is refused), as midnight UTC. */
function parseDay(text: string | undefined): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? "");
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? ms
    : undefined;
}

/** Checks `<from> <to>` as typed (the CLI shows the same messages); a wrong range fails with the reason and the usage. */
export function parseExportRange(fromText: string | undefined, toText: string | undefined): ExportRange {
  const fromMs = parseDay(fromText);
  const toDay = parseDay(toText);
  if (fromMs === undefined || toDay === undefined) fail("invalid_input", DATES_HINT);
  if (toDay < fromMs) fail("invalid_input", "The end date comes before the start date.");
  const toMs = toDay + DAY_MS;
  if ((toMs - fromMs) / DAY_MS > EXPORT_MAX_DAYS) {
    fail("invalid_input", `Export at most ${EXPORT_MAX_DAYS} days at a time.`);
  }
  return { from: fromText as string, to: toText as string, fromMs, toMs };
}

/** The CSV's columns, in this order: where the decision came from, then every statement field. */
const STATEMENT_COLUMNS = [
  "decision_visibility",
  "decision_monetary",
  "decision_provision",
  "decision_account",
  "decision_ground",
  "incompatible_content_ground",
  "incompatible_content_explanation",
  "illegal_content_legal_ground",
  "illegal_content_explanation",
  "category",
  "category_specification",
  "content_type",
  "content_type_other",
  "application_date",
  "end_date",
  "decision_facts",
  "source_type",
  "automated_detection",
  "automated_decision",
  "puid",
] as const satisfies ReadonlyArray<keyof StatementOfReasons>;
export const EXPORT_COLUMNS = ["case_id", "decided_at", ...STATEMENT_COLUMNS] as const;

const exportRecord = (d: ExportedDecision): Record<string, unknown> => ({
  ...d.statement,
  case_id: d.caseHumanId,
  decided_at: new Date(d.decidedAt).toISOString(),
});

/** The JSON file: an array of the statements, each with its case id and decision time added. */
export function decisionsToJson(decisions: readonly ExportedDecision[]): string {
  return `${JSON.stringify(decisions.map(exportRecord), null, 2)}\n`;
}

/** Arrays (content types, visibility) join with `|`; null and missing fields are empty. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(cellText).join("|");
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * One RFC 4180 field. A field that opens with = + - or @ is read as a formula by Excel, LibreOffice and
 * Google Sheets (CSV injection: decision_facts is typed by people), so it gets a leading `'`, which
 * spreadsheets treat as "this is text". Quotes, commas, CR and LF put the field in double quotes,
 * doubling any quote inside.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV file: a header row, then one row per decision; lines end in CRLF as RFC 4180 says. */
export function decisionsToCsv(decisions: readonly ExportedDecision[]): string {
  const rows = [
    EXPORT_COLUMNS.join(","),
    ...decisions.map((d) => {
      const record = exportRecord(d);
      return EXPORT_COLUMNS.map((column) => csvField(cellText(record[column]))).join(",");
    }),
  ];
  return `${rows.join("\r\n")}\r\n`;
}

/** `decisions-2026-01-01-to-2026-12-31`: the name both files share. */
export const exportBaseName = (range: ExportRange) => `decisions-${range.from}-to-${range.to}`;
