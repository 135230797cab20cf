import { inArray, sql } from "drizzle-orm";
import { type CaseRow, cases } from "../../db/schema.ts";
import { formatCaseId, parseCaseId } from "../core/caseId.ts";
import { getCaseByHumanId } from "./cases.ts";
import type { Executor } from "./database.ts";

// Bounds on what user text can make the index do: a pasted page of text costs no more than a few words.
export const SEARCH_MAX_TERMS = 8;
export const SEARCH_MAX_TERM_CHARS = 64;

/** unicode61 indexes only letters, digits and private-use characters; a term with none is noise (`*`, `-`, `(`). */
const INDEXED_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

/** One FTS5 string per term: quoted, `"` doubled, so no operator, column filter or prefix typed by a user applies. */
const quoteTerm = (term: string) => `"${[...term].slice(0, SEARCH_MAX_TERM_CHARS).join("").replaceAll('"', '""')}"`;

/**
 * The FTS5 query for `text`: its first terms, all required (implicit AND), each a quoted string, or
 * any case in `categoryIds`; undefined when nothing searchable remains.
 * https://www.sqlite.org/fts5.html#full_text_query_syntax
 */
export function caseSearchQuery(text: string, categoryIds: readonly string[]): string | undefined {
  const terms = text
    .split(/\s+/u)
    .filter((term) => INDEXED_CHARACTER.test(term))
    .slice(0, SEARCH_MAX_TERMS)
    .map(quoteTerm);
  const alternatives = [
    ...(terms.length > 0 ? [`(${terms.join(" ")})`] : []),
    ...(categoryIds.length > 0 ? [`category : (${categoryIds.map(quoteTerm).join(" OR ")})`] : []),
  ];
  return alternatives.length > 0 ? alternatives.join(" OR ") : undefined;
}

/** Ids of matching cases, best bm25 rank first (weights set by the migration), newest first among equals. */
function rankedCaseIds(tx: Executor, query: string, limit: number): number[] {
  return tx
    .all<{ id: number }>(
      sql`SELECT ${cases.id} AS id FROM case_search JOIN ${cases} ON ${cases.id} = case_search.rowid
          WHERE case_search MATCH ${query}
          ORDER BY case_search.rank, ${cases.createdAt} DESC, ${cases.id} DESC
          LIMIT ${limit}`,
    )
    .map((row) => row.id);
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
  const ftsQuery = caseSearchQuery(query.text, query.categoryIds);
  const ids = ftsQuery ? rankedCaseIds(tx, ftsQuery, query.limit).filter((id) => id !== exact?.id) : [];
  const found = ids.length > 0 ? tx.select().from(cases).where(inArray(cases.id, ids)).all() : [];
  const byId = new Map(found.map((row) => [row.id, row]));
  const ranked = ids.flatMap((id) => byId.get(id) ?? []);
  return [...(exact ? [exact] : []), ...ranked].slice(0, query.limit);
}
