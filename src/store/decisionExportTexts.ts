import { asc, eq, sql } from "drizzle-orm";
import { type CaseRow, cases, decisionExportTexts, decisions, sanctionProposals } from "../../db/schema.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

/**
 * What a statement of reasons is rebuilt from, one flat row per decision, as the select's columns in order:
 * plain values, the clauses as their stored JSON text (equal lists are equal texts, so each list's wording is
 * built once).
 */
export type DecisionSourceRow = [
  id: number,
  puid: string,
  rung: string,
  decidedAt: number,
  appliesFrom: number,
  appliesUntil: number | null,
  caseHumanId: string,
  category: string,
  source: CaseRow["source"],
  occurredAt: number | null,
  createdAt: number,
  clausesJson: string,
  facts: string,
];

/**
 * A decision in an export's range with its stored texts, when there are any (decision_export_texts): stored as
 * UTF-8 bytes, read as strings.
 */
export type DecisionTextRow = [
  id: number,
  decidedAt: number,
  renderer: string | null,
  json: string | null,
  csv: string | null,
];

/** Where a page of decisions ends: the next page starts after this decision. */
export interface DecisionCursor {
  decidedAt: number;
  id: number;
}

const sourcesOf = (tx: Executor) =>
  tx
    .select({
      id: decisions.id,
      puid: decisions.puid,
      rung: decisions.rung,
      decidedAt: decisions.decidedAt,
      appliesFrom: decisions.appliesFrom,
      appliesUntil: decisions.appliesUntil,
      caseHumanId: cases.humanId,
      category: cases.category,
      source: cases.source,
      occurredAt: cases.occurredAt,
      createdAt: cases.createdAt,
      clausesJson: sql<string>`${sanctionProposals.clauses}`,
      facts: sanctionProposals.facts,
    })
    .from(decisions)
    .innerJoin(cases, eq(decisions.caseId, cases.id))
    .innerJoin(sanctionProposals, eq(decisions.proposalId, sanctionProposals.id));

const sourceById = preparedStatement((tx) =>
  sourcesOf(tx)
    .where(eq(decisions.id, sql.placeholder("id")))
    .prepare(),
);

/** One decision's sources, for a decision whose stored texts are missing or stale. */
export function decisionSource(tx: Executor, id: number): DecisionSourceRow | undefined {
  return sourceById(tx).values({ id })[0] as DecisionSourceRow | undefined;
}

const sourcesLackingTexts = preparedStatement((tx) => {
  const current = tx
    .select({ one: sql`1` })
    .from(decisionExportTexts)
    .where(
      sql`${decisionExportTexts.decisionId} = ${decisions.id} AND ${decisionExportTexts.renderer} = ${sql.placeholder("renderer")}`,
    );
  return (
    sourcesOf(tx)
      // Checked on each decision before its case and proposal are looked up: a window already stored reads neither.
      .where(
        sql`${decisions.id} > ${sql.placeholder("afterId")} AND ${decisions.id} <= ${sql.placeholder("throughId")} AND NOT EXISTS ${current}`,
      )
      .orderBy(asc(decisions.id))
      .prepare()
  );
});

/** The sources of the decisions with ids in (afterId, throughId] that have no texts from `renderer`, by id. */
export function decisionSourcesLackingTexts(
  tx: Executor,
  window: { afterId: number; throughId: number; renderer: string },
): DecisionSourceRow[] {
  return sourcesLackingTexts(tx).values(window) as DecisionSourceRow[];
}

const sourcesOfCase = preparedStatement((tx) =>
  sourcesOf(tx)
    .where(eq(decisions.caseId, sql.placeholder("caseId")))
    .orderBy(asc(decisions.id))
    .prepare(),
);

/** The sources of every decision of one case (a handful). */
export function decisionSourcesOfCase(tx: Executor, caseId: number): DecisionSourceRow[] {
  return sourcesOfCase(tx).values({ caseId }) as DecisionSourceRow[];
}

/** Decisions of [fromMs, toMs) after the cursor, by decision time then id: the order and filter of every page. */
const inPage = sql`${decisions.decidedAt} >= ${sql.placeholder("fromMs")} AND ${decisions.decidedAt} < ${sql.placeholder("toMs")} AND (${decisions.decidedAt}, ${decisions.id}) > (${sql.placeholder("afterAt")}, ${sql.placeholder("afterId")})`;

export interface DecisionPage {
  fromMs: number;
  toMs: number;
  after: DecisionCursor | undefined;
  limit: number;
}

function pageValues({ fromMs, toMs, after, limit }: DecisionPage) {
  // Before the range's first instant, so the first page starts at fromMs itself.
  const [afterAt, afterId] = after === undefined ? [fromMs - 1, 0] : [after.decidedAt, after.id];
  return { fromMs, toMs, afterAt, afterId, limit };
}

const sourcePage = preparedStatement((tx) =>
  sourcesOf(tx)
    .where(inPage)
    .orderBy(asc(decisions.decidedAt), asc(decisions.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/**
 * The sources of the same page of decisions as decisionTextPage, row for row (read in the same snapshot): for a
 * page with decisions to render, one read instead of one per decision.
 */
export function decisionSourcePage(tx: Executor, page: DecisionPage): DecisionSourceRow[] {
  return sourcePage(tx).values(pageValues(page)) as DecisionSourceRow[];
}

const textPage = preparedStatement((tx) => {
  return tx
    .select({
      id: decisions.id,
      decidedAt: decisions.decidedAt,
      renderer: decisionExportTexts.renderer,
      // As TEXT: better-sqlite3 hands each BLOB over as a Buffer of its own, and a year's 50,000 of them cost twice
      // what decoding the same UTF-8 into strings does (bench/exportBuild.ts: 147 against 103 ms a year).
      json: sql<string | null>`CAST(${decisionExportTexts.json} AS TEXT)`,
      csv: sql<string | null>`CAST(${decisionExportTexts.csv} AS TEXT)`,
    })
    .from(decisions)
    .leftJoin(decisionExportTexts, eq(decisionExportTexts.decisionId, decisions.id))
    .where(inPage)
    .orderBy(asc(decisions.decidedAt), asc(decisions.id))
    .limit(sql.placeholder("limit"))
    .prepare();
});

/**
 * Up to `limit` decisions taken in [fromMs, toMs) after `after` (all from the start without it), oldest first, with
 * their stored texts. Read a page at a time: a year's rows held at once outlive the young generation.
 */
export function decisionTextPage(tx: Executor, page: DecisionPage): DecisionTextRow[] {
  return textPage(tx).values(pageValues(page)) as DecisionTextRow[];
}

const upsertTexts = preparedStatement((tx) =>
  tx
    .insert(decisionExportTexts)
    .values({
      decisionId: sql.placeholder("decisionId"),
      renderer: sql.placeholder("renderer"),
      json: sql.placeholder("json"),
      csv: sql.placeholder("csv"),
    })
    .onConflictDoUpdate({
      target: decisionExportTexts.decisionId,
      set: { renderer: sql`excluded.renderer`, json: sql`excluded.json`, csv: sql`excluded.csv` },
    })
    .prepare(),
);

export interface StoredDecisionTexts {
  decisionId: number;
  renderer: string;
  json: Buffer;
  csv: Buffer | null;
}

/** Writes (or rewrites) one decision's texts. */
export function storeDecisionTexts(tx: Executor, texts: StoredDecisionTexts): void {
  upsertTexts(tx).run({ ...texts });
}

const lastDecision = preparedStatement((tx) =>
  tx
    .select({ id: sql<number | null>`max(${decisions.id})` })
    .from(decisions)
    .prepare(),
);

/** The newest decision's id (0 when there is none): where a pass over every decision ends. */
export function lastDecisionId(tx: Executor): number {
  return lastDecision(tx).get()?.id ?? 0;
}
