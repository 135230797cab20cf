import { fail } from "./domainError.ts";
import type { SanctionRung } from "./sanctions.ts";
import type { StatementFields, StatementOfReasons } from "./statementOfReasons.ts";
import { csvField, StatementTexts, type TextSink } from "./statementTexts.ts";

export type { TextSink } from "./statementTexts.ts";

/** Our references to a decision, carried beside its statement and never inside it. */
export interface DecisionReference {
  caseHumanId: string;
  /** The decision's id in the case, e.g. TS-2026-0001-D2 (also the statement's puid). */
  decisionId: string;
  decidedAt: number;
  rung: SanctionRung;
}

/**
 * One exported decision: our references and its statement of reasons (API fields only), as the API object
 * or as its fields with the absent ones undefined: both write the same bytes.
 */
export interface ExportedStatement extends DecisionReference {
  statement: StatementOfReasons | StatementFields;
}

/** Why a decision is on our record but not among the exported statements; the files and messages say it. */
export const LEFT_OUT_REASON =
  "a decision that restricts nothing (a warning, or an overturn to no sanction) is no statement of reasons under Article 17 DSA";

/** "2 decisions left out: …", or "" when none was. */
export const leftOutNote = (leftOut: number) =>
  leftOut === 0 ? "" : `${leftOut} ${leftOut === 1 ? "decision" : "decisions"} left out: ${LEFT_OUT_REASON}.`;

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

/** Every field a statement may carry (the Record makes the compiler ask for each), in the CSV's column order. */
const STATEMENT_FIELDS: Readonly<Record<keyof StatementOfReasons, true>> = {
  decision_visibility: true,
  decision_monetary: true,
  decision_provision: true,
  decision_account: true,
  decision_ground: true,
  incompatible_content_ground: true,
  incompatible_content_explanation: true,
  category: true,
  content_type: true,
  content_type_other: true,
  content_date: true,
  application_date: true,
  end_date_visibility_restriction: true,
  end_date_monetary_restriction: true,
  end_date_service_restriction: true,
  end_date_account_restriction: true,
  decision_facts: true,
  source_type: true,
  automated_detection: true,
  automated_decision: true,
  puid: true,
};
const STATEMENT_COLUMNS = Object.keys(STATEMENT_FIELDS) as Array<keyof StatementOfReasons>;
/** Our columns come first and carry our prefix, so nobody takes them for Transparency Database fields. */
const OUR_COLUMNS = [
  "incident_desk_case_id",
  "incident_desk_decision_id",
  "incident_desk_decided_at",
  "incident_desk_rung",
] as const;
export const EXPORT_COLUMNS: readonly string[] = [...OUR_COLUMNS, ...STATEMENT_COLUMNS];

/** A decision's references as the JSON object's opening, `{"case_id":…,"rung":…` (the caller closes it). */
const referencesJson = (d: DecisionReference, decidedAt: string) =>
  `{"case_id":${JSON.stringify(d.caseHumanId)},"decision_id":${JSON.stringify(d.decisionId)},` +
  `"decided_at":"${decidedAt}","rung":${JSON.stringify(d.rung)}`;

const CSV_HEADER = EXPORT_COLUMNS.join(",");

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"));

/**
 * Instants as Date's toISOString writes them (`2026-03-04T10:30:00.000Z`), each day's date written once: a year of
 * decisions falls on a few hundred days, and toISOString per decision was a twentieth of the build.
 */
class IsoInstants {
  private readonly days = new Map<number, string>();

  of(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    let date = this.days.get(day);
    if (date === undefined) {
      date = new Date(day * DAY_MS).toISOString().slice(0, -13);
      this.days.set(day, date);
    }
    const inDay = ms - day * DAY_MS;
    const [seconds, milliseconds] = [Math.floor(inDay / 1000), inDay % 1000];
    const [hours, minutes] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60];
    return `${date}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds % 60]}.${THREE_DIGITS[milliseconds]}Z`;
  }
}

/** Where the writer puts each file's text, piece by piece, in order (files on disk, or text in memory for a spec). */
export interface DecisionExportSinks {
  json: TextSink;
  csv: TextSink;
}

/**
 * How each decision reads in the files, without the separators between decisions: a statement's JSON object and
 * its CSV row (CRLF included), or the JSON object of a decision left out. The export writes these texts as it
 * renders them, and stores them per decision so a later export copies them (one renderer per export or batch: it
 * remembers the texts that repeat across decisions).
 */
export class DecisionTexts {
  private readonly fields = new StatementTexts(STATEMENT_COLUMNS);
  private readonly instants = new IsoInstants();

  /**
   * The statement's JSON object and CSV row in one pass over its fields, in STATEMENT_COLUMNS' order (the API's,
   * which statementFields and buildStatementOfReasons keep). Statements given the same `shape` must agree on
   * every field but their days, facts and puid (see StatementTexts).
   */
  statement(d: ExportedStatement, shape?: string): [json: string, csv: string] {
    const decidedAt = this.instants.of(d.decidedAt);
    const [fieldsJson, fieldsCsv] = this.fields.texts(d.statement, shape);
    const references = `${csvField(d.caseHumanId)},${csvField(d.decisionId)},${decidedAt},${csvField(d.rung)}`;
    return [`${referencesJson(d, decidedAt)},"statement":{${fieldsJson}}}`, `${references}${fieldsCsv}\r\n`];
  }

  leftOut(d: DecisionReference): string {
    return `${referencesJson(d, this.instants.of(d.decidedAt))}}`;
  }
}

/**
 * Both files of an export, written into the sinks as decisions come in (one pass, no list of statements kept):
 * - JSON: an envelope, not a request body. `statements[].statement` is exactly what the API takes; our
 *   references sit beside it; `left_out` lists the decisions that are no statement, and why. Compact: a
 *   year of statements is tens of megabytes, and indenting them costs a third more.
 * - CSV: a header row, then one row per statement; lines end in CRLF as RFC 4180 says.
 * Only `left_out` is held until finish(), since it closes the JSON: a tenth of the decisions, a few hundred KB a year.
 */
export class DecisionExportWriter {
  private readonly leftOutJson: string[] = [];
  private statements = 0;
  private leftOut = 0;
  private finished = false;

  constructor(
    range: ExportRange,
    private readonly sinks: DecisionExportSinks,
  ) {
    sinks.json.add(`{"range":{"from":${JSON.stringify(range.from)},"to":${JSON.stringify(range.to)}},"statements":[`);
    sinks.csv.add(`${CSV_HEADER}\r\n`);
  }

  get statementCount(): number {
    return this.statements;
  }

  get leftOutCount(): number {
    return this.leftOut;
  }

  /** A statement's JSON object and CSV row as DecisionTexts renders them, now or when they were stored. */
  addStatementTexts(json: string, csv: string): void {
    if (this.statements > 0) this.sinks.json.add(",");
    this.sinks.json.add(json);
    this.sinks.csv.add(csv);
    this.statements += 1;
  }

  /** A left-out decision's JSON object as DecisionTexts renders it, now or when it was stored. */
  addLeftOutText(json: string): void {
    if (this.leftOut > 0) this.leftOutJson.push(",");
    this.leftOutJson.push(json);
    this.leftOut += 1;
  }

  /** Closes the JSON with `left_out`; nothing more may be added. */
  finish(): void {
    if (this.finished) fail("conflict", "The export was already finished.");
    this.finished = true;
    this.sinks.json.add(`],"left_out":{"reason":${JSON.stringify(LEFT_OUT_REASON)},"decisions":[`);
    for (const text of this.leftOutJson) this.sinks.json.add(text);
    this.sinks.json.add("]}}\n");
  }
}

/** `decisions-2026-01-01-to-2026-12-31`: the name both files share. */
export const exportBaseName = (range: ExportRange) => `decisions-${range.from}-to-${range.to}`;
