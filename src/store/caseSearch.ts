import { inArray, sql } from "drizzle-orm";
import { type CaseRow, cases } from "../../db/schema.ts";
import { formatCaseId, parseCaseId } from "../core/caseId.ts";
import { getCaseByHumanId } from "./cases.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

// Bounds on what user text can make the index do: a pasted page of text costs no more than a few words.
export const SEARCH_MAX_TERMS = 8;
const SEARCH_MAX_TERM_CHARS = 64;

/** unicode61 indexes only letters, digits and private-use characters; a term with none is noise (`*`, `-`, `(`). */
const INDEXED_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

/** One FTS5 string per term: quoted, `"` doubled, so no operator, column filter or prefix typed by a user applies. */
const quoteTerm = (term: string) => `"${[...term].slice(0, SEARCH_MAX_TERM_CHARS).join("").replaceAll('"', '""')}"`;

/** The search text's first terms, each a quoted FTS5 string; none when nothing searchable remains. */
function searchTerms(text: string): string[] {
  return text
    .split(/\s+/u)
    .filter((term) => INDEXED_CHARACTER.test(term))
    .slice(0, SEARCH_MAX_TERMS)
    .map(quoteTerm);
}

/**
 * The FTS5 query for `terms`: all required (implicit AND), or any case in `categoryIds`; undefined when both are empty.
 * https://www.sqlite.org/fts5.html#full_text_query_syntax
 */
function caseSearchQuery(terms: readonly string[], categoryIds: readonly string[]): string | undefined {
  const alternatives = [
    ...(terms.length > 0 ? [`(${terms.join(" ")})`] : []),
    ...(categoryIds.length > 0 ? [`category : (${categoryIds.map(quoteTerm).join(" OR ")})`] : []),
  ];
  return alternatives.length > 0 ? alternatives.join(" OR ") : undefined;
}

// Ranking reads only the newest matches: a word matching more is a poor search, and the reply asks for more words.
const SEARCH_RANK_WINDOW = 500;

/**
 * Columns that rank a match, best first; a match found only in the description ranks last. Weights are powers of
 * two, so the best column holding a typed word decides, then the next best. Not bm25: it counts every match of
 * each term in the whole index (https://www.sqlite.org/fts5.html#the_bm25_function): 70 ms for a word of every case at 1M.
 */
const RANKED_COLUMNS = [
  { column: "human_id", weight: 8 },
  { column: "title", weight: 4 },
  { column: "parties", weight: 2 },
  { column: "category", weight: 1 },
] as const;

// Each query is one bound string, so each statement is prepared once however the search reads.
const newestMatches = preparedStatement((tx) =>
  tx
    .select({ id: sql<number>`rowid` })
    .from(sql`case_search`)
    .where(sql`case_search MATCH ${sql.placeholder("match")}`)
    .orderBy(sql`rowid DESC`)
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/**
 * Whether a window id holds a typed word in `column` (bound as a `{column} : (…)` match of its own). The set is
 * every case since the window's oldest with the word there, built once per search (uncorrelated); the rowid
 * bound keeps FTS5's walk to the window's span (its plan reads `M…>`, a MATCH with a lower rowid bound).
 */
const inColumn = (column: string) =>
  sql`(id IN (SELECT rowid FROM case_search WHERE case_search MATCH ${sql.placeholder(column)} AND rowid >= (SELECT min(id) FROM newest)))`;

/**
 * The window ranked in SQLite (RANKED_COLUMNS' weights summed, then newest), so only the shown ids reach
 * JavaScript: scoring 500 ids there made thousands of one-element rows per search, a scavenge every few searches.
 * `newest` is read five times, so SQLite materializes it once (https://www.sqlite.org/lang_with.html#materialization_hints).
 */
const rankedWindow = preparedStatement((tx) => {
  const newest = tx.$with("newest").as(
    tx
      .select({ id: sql<number>`rowid`.as("id") })
      .from(sql`case_search`)
      .where(sql`case_search MATCH ${sql.placeholder("match")}`)
      .orderBy(sql`rowid DESC`)
      .limit(SEARCH_RANK_WINDOW),
  );
  const score = sql.join(
    RANKED_COLUMNS.map(({ column, weight }) => sql`${sql.raw(String(weight))} * ${inColumn(column)}`),
    sql` + `,
  );
  return tx
    .with(newest)
    .select({ id: newest.id })
    .from(newest)
    .orderBy(sql`${score} DESC`, sql`id DESC`)
    .limit(sql.placeholder("limit"))
    .prepare();
});

/**
 * Ids of matching cases among the newest SEARCH_RANK_WINDOW matches, best column first (RANKED_COLUMNS), then
 * newest: ids follow creation, and FTS5 walks them in rowid order without a sort. One column-filtered match
 * per ranked column, each bounded to the window, so the cost follows the window, not every match.
 */
function rankedCaseIds(tx: Executor, query: { terms: string[]; categoryIds: readonly string[]; limit: number }) {
  const match = caseSearchQuery(query.terms, query.categoryIds);
  if (!match) return [];
  const newest = (limit: number) =>
    newestMatches(tx)
      .values({ match, limit })
      .map(([id]) => id as number);
  // Only a category was named: every match holds it, so newest first is the ranking.
  if (query.terms.length === 0) return newest(query.limit);
  // A case id or a rare word: one match or none leaves nothing to rank (and ranking costs four column lookups).
  const firstTwo = newest(2);
  if (firstTwo.length < 2) return firstTwo;
  const inColumns = Object.fromEntries(
    RANKED_COLUMNS.map(({ column }) => {
      const words = [...query.terms, ...(column === "category" ? query.categoryIds.map(quoteTerm) : [])];
      return [column, `{${column}} : (${words.join(" OR ")})`];
    }),
  );
  return rankedWindow(tx)
    .values({ match, limit: query.limit, ...inColumns })
    .map(([id]) => id as number);
}

/**
 * Cases in any status matching `text` in their id, title, description, parties' account refs and names, or
 * category, or in one of `categoryIds`; the case whose id `text` is comes first. The FTS5 index is SQLite's:
 * this function is the seam a PostgreSQL store replaces.
 */
export function searchCases(
  tx: Executor,
  query: { text: string; categoryIds: readonly string[]; limit: number },
): CaseRow[] {
  const caseId = parseCaseId(query.text);
  const exact = caseId ? getCaseByHumanId(tx, formatCaseId(caseId.year, caseId.seq)) : undefined;
  const terms = searchTerms(query.text);
  const ids = rankedCaseIds(tx, { terms, categoryIds: query.categoryIds, limit: query.limit }).filter(
    (id) => id !== exact?.id,
  );
  const found = ids.length > 0 ? tx.select().from(cases).where(inArray(cases.id, ids)).all() : [];
  const byId = new Map(found.map((row) => [row.id, row]));
  const ranked = ids.flatMap((id) => byId.get(id) ?? []);
  return [...(exact ? [exact] : []), ...ranked].slice(0, query.limit);
}
