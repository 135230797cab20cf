import type { StatementOfReasons } from "./statementOfReasons.ts";

type Column = keyof StatementOfReasons;

/** Where text goes, piece by piece, in order: a file being written, or text kept in memory. */
export interface TextSink {
  add(piece: string): void;
}

/** A statement field's text in each file: `,"key":value` (no comma when first in the object) and `,field`. */
interface FieldTexts {
  json: string;
  csv: string;
}

/** Arrays (content types, visibility) join with `|`; a field the statement leaves out is empty. */
export function cellText(value: unknown): string {
  if (value === undefined) return "";
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

/** Fields whose value is the decision's own: written afresh each time. */
const OWN_VALUE_FIELDS: ReadonlySet<Column> = new Set<Column>(["decision_facts", "puid"]);
/** Fields that take one of a few hundred values a year: remembered alone, since in runs they would multiply them. */
const DAY_FIELDS: ReadonlySet<Column> = new Set<Column>([
  "content_date",
  "application_date",
  "end_date_visibility_restriction",
  "end_date_monetary_restriction",
  "end_date_service_restriction",
  "end_date_account_restriction",
]);

type Step =
  | { kind: "run"; columns: Column[] }
  | { kind: "own" | "day"; column: Column; firstKey: string; laterKey: string };

/** The columns in order, consecutive fields that repeat across decisions (restrictions, wording, codes) as one run. */
function stepsOf(columns: readonly Column[]): Step[] {
  const steps: Step[] = [];
  for (const column of columns) {
    const last = steps.at(-1);
    const keys = { firstKey: `"${column}":`, laterKey: `,"${column}":` };
    if (OWN_VALUE_FIELDS.has(column)) steps.push({ kind: "own", column, ...keys });
    else if (DAY_FIELDS.has(column)) steps.push({ kind: "day", column, ...keys });
    else if (last?.kind === "run") last.columns.push(column);
    else steps.push({ kind: "run", columns: [column] });
  }
  return steps;
}

// Joined, not concatenated: a remembered text is copied into the files thousands of times, and a flat string copies fastest.
const flat = (...parts: string[]) => parts.join("");

/** A run's texts for the statement's values, and whether the object has a field once it is written. */
interface RunTexts extends FieldTexts {
  opened: boolean;
}

function runTexts(columns: readonly Column[], statement: Partial<StatementOfReasons>, opened: boolean): RunTexts {
  const json: string[] = [];
  const csv: string[] = [];
  for (const column of columns) {
    const value = statement[column];
    csv.push(",", value === undefined ? "" : csvField(cellText(value)));
    if (value === undefined) continue;
    json.push(opened ? "," : "", `"${column}":`, JSON.stringify(value));
    opened = true;
  }
  return { json: flat(...json), csv: flat(...csv), opened };
}

/**
 * Writes statements' fields into the JSON object and the CSV row, in `columns`' order: a field left out is absent
 * from the JSON and an empty CSV field. Fields that repeat across decisions (restrictions, wording, codes) come in
 * runs: a statement given a `shape` (a key its caller derives from what those fields depend on) writes each run as
 * the text remembered for that shape, and a day field as the one remembered for that day, so a year of statements
 * costs a lookup per field that varies rather than an escape per field.
 */
export class StatementTexts {
  private readonly steps: Step[];
  private readonly shapes = new Map<string, Array<RunTexts | undefined>>();
  private readonly days = new Map<Column, Map<unknown, FieldTexts>>();

  constructor(columns: readonly Column[]) {
    this.steps = stepsOf(columns);
  }

  /**
   * The statement's fields as `[json, csv]` texts. Statements given the same `shape` must have equal values in
   * every run field: the first one met is written for all of them.
   */
  texts(statement: Partial<StatementOfReasons>, shape?: string): [string, string] {
    const known = shape === undefined ? undefined : this.shapes.get(shape);
    // Per run, as met after no field and after one: a shape fixes the runs' values, not which days are there.
    const runs: Array<RunTexts | undefined> = known ?? [];
    let [json, csv] = ["", ""];
    let opened = false;
    let run = 0;
    for (const step of this.steps) {
      if (step.kind === "run") {
        const slot: number = run * 2 + (opened ? 1 : 0);
        let texts: RunTexts | undefined = runs[slot];
        if (texts === undefined) {
          texts = runTexts(step.columns, statement, opened);
          runs[slot] = texts;
        }
        run += 1;
        json += texts.json;
        csv += texts.csv;
        opened = texts.opened;
        continue;
      }
      const value = statement[step.column];
      if (value === undefined) {
        csv += ",";
      } else if (step.kind === "day" && opened) {
        const texts = this.dayTexts(step, value);
        json += texts.json;
        csv += texts.csv;
      } else {
        json += `${opened ? step.laterKey : step.firstKey}${JSON.stringify(value)}`;
        csv += `,${csvField(cellText(value))}`;
        opened = true;
      }
    }
    if (shape !== undefined && known === undefined) this.shapes.set(shape, runs);
    return [json, csv];
  }

  /** A day field's texts after another field, remembered per field and day. */
  private dayTexts(step: { column: Column; laterKey: string }, value: unknown): FieldTexts {
    let known = this.days.get(step.column);
    if (known === undefined) {
      known = new Map();
      this.days.set(step.column, known);
    }
    let texts = known.get(value);
    if (texts === undefined) {
      texts = { json: flat(step.laterKey, JSON.stringify(value)), csv: flat(",", csvField(cellText(value))) };
      known.set(value, texts);
    }
    return texts;
  }
}
