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

// The query is one bound string, so each statement is prepared once however the search reads.
const newestMatches = preparedStatement((tx) =>
  tx
    .select({ id: sql<number>`rowid` })
    .from(sql`case_search`)
    .where(sql`case_search MATCH ${sql.placeholder("match")}`)
    .orderBy(sql`rowid DESC`)
    .limit(SEARCH_RANK_WINDOW)
    .prepare(),
);

// CAST: better-sqlite3 binds a JS number as REAL, and FTS5 ignores a non-integer rowid bound (fts5GetRowidLimit).
const matchesSince = preparedStatement((tx) =>
  tx
    .select({ id: sql<number>`rowid` })
    .from(sql`case_search`)
    .where(
      sql`case_search MATCH ${sql.placeholder("match")} AND rowid >= CAST(${sql.placeholder("oldest")} AS INTEGER)`,
    )
    .prepare(),
);

/**
 * Ids of matching cases among the newest SEARCH_RANK_WINDOW matches, best column first (RANKED_COLUMNS), then
 * newest: ids follow creation, and FTS5 walks them in rowid order without a sort. One column-filtered query
 * per ranked column, each bounded to the window, so the cost follows the window, not every match.
 */
function rankedCaseIds(tx: Executor, query: { terms: string[]; categoryIds: readonly string[]; limit: number }) {
  const match = caseSearchQuery(query.terms, query.categoryIds);
  if (!match) return [];
  const newest = newestMatches(tx)
    .values({ match })
    .map(([id]) => id as number);
  const oldest = newest.at(-1);
  if (oldest === undefined || newest.length === 1) return newest;
  const score = new Map(newest.map((id) => [id, 0]));
  for (const { column, weight } of RANKED_COLUMNS) {
    const words = [...query.terms, ...(column === "category" ? query.categoryIds.map(quoteTerm) : [])];
    if (words.length === 0) continue;
    const inColumn = matchesSince(tx).values({
      match: `(${match}) AND {${column}} : (${words.join(" OR ")})`,
      oldest,
    });
    for (const [id] of inColumn) score.set(id as number, (score.get(id as number) ?? 0) + weight);
  }
  // Array sort is stable: equal scores keep the window's newest-first order.
  return newest.sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0)).slice(0, query.limit);
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
