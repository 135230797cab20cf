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

/** A run's text up to one of its fields, given the values so far; `opened` once any field of the object is written. */
class RunNode {
  private readonly next = new Map<unknown, RunNode>();
  constructor(
    readonly texts: FieldTexts,
    readonly opened: boolean,
  ) {}

  /** The node after `column` takes `value` (the same node for an equal string or the same array). */
  child(column: Column, value: unknown): RunNode {
    let node = this.next.get(value);
    if (node === undefined) {
      node =
        value === undefined
          ? new RunNode({ json: this.texts.json, csv: flat(this.texts.csv, ",") }, this.opened)
          : new RunNode(
              {
                json: flat(this.texts.json, this.opened ? "," : "", `"${column}":`, JSON.stringify(value)),
                csv: flat(this.texts.csv, ",", csvField(cellText(value))),
              },
              true,
            );
      this.next.set(value, node);
    }
    return node;
  }
}

/**
 * Writes statements' fields into the JSON object and the CSV row, in `columns`' order: a field left out is absent
 * from the JSON and an empty CSV field. A run of repeating fields is one remembered text per combination of values
 * met, and a day one per day, so a year of statements is a handful of pieces each rather than two per field.
 */
export class StatementTexts {
  private readonly steps: Step[];
  /** Per step: the run's first node when no field came before, and when one did. */
  private readonly runRoots: Array<[RunNode, RunNode]>;
  private readonly days = new Map<Column, Map<unknown, FieldTexts>>();

  constructor(columns: readonly Column[]) {
    this.steps = stepsOf(columns);
    this.runRoots = this.steps.map(() => [
      new RunNode({ json: "", csv: "" }, false),
      new RunNode({ json: "", csv: "" }, true),
    ]);
  }

  write(statement: Partial<StatementOfReasons>, json: TextSink, csv: TextSink): void {
    let opened = false;
    for (let index = 0; index < this.steps.length; index++) {
      const step = this.steps[index] as Step;
      if (step.kind === "run") {
        let node = this.runRoots[index]?.[opened ? 1 : 0] as RunNode;
        for (const column of step.columns) node = node.child(column, statement[column]);
        if (node.texts.json !== "") json.add(node.texts.json);
        csv.add(node.texts.csv);
        opened = node.opened;
        continue;
      }
      const value = statement[step.column];
      if (value === undefined) {
        csv.add(",");
      } else if (step.kind === "day" && opened) {
        const texts = this.dayTexts(step, value);
        json.add(texts.json);
        csv.add(texts.csv);
      } else {
        json.add(opened ? step.laterKey : step.firstKey);
        json.add(JSON.stringify(value));
        csv.add(",");
        csv.add(csvField(cellText(value)));
        opened = true;
      }
    }
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
