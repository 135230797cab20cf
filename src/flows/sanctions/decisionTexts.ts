import { createHash } from "node:crypto";
import { CATEGORIES, POLICY_CLAUSES, type PolicyClauseId } from "../../core/categories.ts";
import { DecisionTexts } from "../../core/decisionExport.ts";
import { fail } from "../../core/domainError.ts";
import { CASE_SOURCES } from "../../core/intake.ts";
import { isSanctionRung, SANCTION_RUNGS, type SanctionRung } from "../../core/sanctions.ts";
import {
  restrictsSomething,
  type StatementWording,
  statementFields,
  statementWording,
} from "../../core/statementOfReasons.ts";
import type { Executor } from "../../store/database.ts";
import { type DecisionSourceRow, storeDecisionTexts } from "../../store/decisionExportTexts.ts";
import { statementInputOf } from "./statementOfDecision.ts";

/** A decision's text in the files: its statement's JSON object and CSV row, or (csv null) its `left_out` entry. */
export interface RenderedDecision {
  json: string;
  csv: string | null;
}

interface WordedClauses {
  clauses: PolicyClauseId[];
  wording: StatementWording;
}

/**
 * Renders decisions from their sources as the export files carry them. One renderer per export or batch: it
 * remembers what repeats across decisions (the wording of each rung and clause list, the texts of each shape).
 */
export class DecisionRenderer {
  private readonly texts = new DecisionTexts();
  private readonly worded = new Map<string, WordedClauses>();

  render(row: DecisionSourceRow): RenderedDecision {
    const [, puid, rungText, decidedAt, appliesFrom, appliesUntil, humanId, category, source, occurredAt, createdAt] =
      row;
    const rung = isSanctionRung(rungText) ? rungText : fail("conflict", `${puid} has an unknown rung ${rungText}.`);
    const reference = { caseHumanId: humanId, decisionId: puid, decidedAt, rung };
    if (!restrictsSomething(rung)) return { json: this.texts.leftOut(reference), csv: null };
    const { clauses, wording } = this.wordingOf(rung, row[11]);
    const input = statementInputOf({
      record: { humanId, category, source, occurredAt, createdAt },
      proposal: { clauses, facts: row[12] },
      decision: { rung, puid, appliesFrom, appliesUntil },
    });
    // What the repeating fields are derived from (statementFields): decisions alike in these share their texts.
    const shape = `${rung} ${category} ${source} ${row[11]}`;
    const [json, csv] = this.texts.statement({ ...reference, statement: statementFields(input, wording) }, shape);
    return { json, csv };
  }

  /** The clauses and wording of a rung and clause list, parsed and worded on first sight only. */
  private wordingOf(rung: SanctionRung, clausesJson: string): WordedClauses {
    const key = `${rung} ${clausesJson}`;
    let worded = this.worded.get(key);
    if (worded === undefined) {
      const clauses = JSON.parse(clausesJson) as PolicyClauseId[];
      worded = { clauses, wording: statementWording(rung, clauses) };
      this.worded.set(key, worded);
    }
    return worded;
  }
}

const DAY_MS = 24 * 60 * 60_000;
const CLAUSES = Object.keys(POLICY_CLAUSES) as PolicyClauseId[];
/** Facts people type: CSV and JSON specials, formula openings, accents, emoji, control and separator characters. */
const SAMPLE_FACTS = [
  "The pro kept the customer's tools.",
  'Said "I will come back", then did; commas, too',
  "Line one\r\nline two\nline three",
  '=HYPERLINK("http://evil")',
  "+1 555 0100 / -2 stars / @everyone",
  "Déjà vu 🚫 \\ back\\slash </script> \u2028 \u0001",
];

/**
 * Every rung with every category, the sources, clauses (one by one and all together) and facts in turn beside
 * them, days with and without an end, conduct dates unknown, recent and before 1970: 190 decisions, about 10 ms.
 */
function sampleSources(): DecisionSourceRow[] {
  const rows: DecisionSourceRow[] = [];
  const rungs = Object.keys(SANCTION_RUNGS) as SanctionRung[];
  for (const rung of rungs) {
    for (const category of CATEGORIES) {
      const n = rows.length;
      const decidedAt = Date.UTC(2026, 0, 1) + n * 7 * 3_600_000 + (n % 1000);
      const days = SANCTION_RUNGS[rung].days;
      const clauses = n % (CLAUSES.length + 1) === CLAUSES.length ? CLAUSES : [CLAUSES[n % CLAUSES.length]];
      const humanId = `TS-2026-${String(n + 1).padStart(4, "0")}`;
      rows.push([
        n + 1,
        `${humanId}-D1`,
        rung,
        decidedAt,
        decidedAt,
        days === null ? null : decidedAt + days * DAY_MS,
        humanId,
        category.id,
        CASE_SOURCES[n % CASE_SOURCES.length] ?? "internal",
        [null, decidedAt - 3 * DAY_MS, Date.UTC(1969, 5, 1)][n % 3] ?? null,
        decidedAt - 5 * DAY_MS,
        JSON.stringify(clauses),
        SAMPLE_FACTS[n % SAMPLE_FACTS.length] ?? "",
      ]);
    }
  }
  return rows;
}

let fingerprint: string | undefined;

/**
 * The renderer's fingerprint: a hash of what it writes for a fixed set of decisions covering every rung with every
 * category, every source and clause and every kind of special character. Stored beside each decision's texts, it changes with any
 * change to the statement rules, the wording or the file formats that shows in the output, with no version to
 * bump by hand; texts of another fingerprint are rendered afresh. Computed once per process, at start.
 */
export function rendererFingerprint(): string {
  if (fingerprint === undefined) {
    const renderer = new DecisionRenderer();
    const hash = createHash("sha256");
    for (const row of sampleSources()) {
      const { json, csv } = renderer.render(row);
      hash
        .update(json)
        .update("\0")
        .update(csv ?? "")
        .update("\0");
    }
    fingerprint = hash.digest("hex").slice(0, 16);
  }
  return fingerprint;
}

/** Renders these decisions and stores their texts (over any stored before), in the caller's transaction. */
export function storeRenderedDecisions(tx: Executor, rows: readonly DecisionSourceRow[]): void {
  if (rows.length === 0) return;
  const renderer = new DecisionRenderer();
  const version = rendererFingerprint();
  for (const row of rows) {
    const { json, csv } = renderer.render(row);
    storeDecisionTexts(tx, {
      decisionId: row[0],
      renderer: version,
      json: Buffer.from(json, "utf8"),
      csv: csv === null ? null : Buffer.from(csv, "utf8"),
    });
  }
}
