import { inArray, sql } from "drizzle-orm";
import { type CaseRow, cases } from "../../db/schema.ts";
import { formatCaseId, parseCaseId } from "../core/caseId.ts";
import { getCaseByHumanId } from "./cases.ts";
import type { Executor } from "./database.ts";

// Bounds on what user text can make the index do: a pasted page of text costs no more than a few words.
export const SEARCH_MAX_TERMS = 8;
const SEARCH_MAX_TERM_CHARS = 64;

/** unicode61 indexes only letters, digits and private-use characters; a term with none is noise (`*`, `-`, `(`). */
const INDEXED_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

/** One FTS5 string per term: quoted, `"` doubled, so no operator, column filter or prefix typed by a user applies. */
const quoteTerm = (term: string) => `"${[...term].slice(0, SEARCH_MAX_TERM_CHARS).join("").replaceAll('"', '""')}"`;

/**
 * The FTS5 query for `text`: its first terms, all required (implicit AND), each a quoted string, or
 * any case in `categoryIds`; undefined when nothing searchable remains.
 * https://www.sqlite.org/fts5.html#full_text_query_syntax
 */
function caseSearchQuery(text: string, categoryIds: readonly string[]): string | undefined {
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

// bm25 reads every match of a term anyway, but ranking only the newest matches keeps a common word from
// sorting a decade of cases; a word matching more is a poor search, and the reply asks for more words.
const SEARCH_RANK_WINDOW = 500;

/**
 * Ids of matching cases among the newest SEARCH_RANK_WINDOW matches, best bm25 rank first (column weights set
 * by the migration), then newest first: ids follow creation, and FTS5 walks them in order without a sort.
 */
function rankedCaseIds(tx: Executor, query: string, limit: number): number[] {
  const oldest = tx.get<{ id: number } | undefined>(
    sql`SELECT rowid AS id FROM case_search WHERE case_search MATCH ${query}
        ORDER BY rowid DESC LIMIT 1 OFFSET ${SEARCH_RANK_WINDOW - 1}`,
  );
  // MATERIALIZED: inlined, ORDER BY rank would make FTS5 rank every match and ignore the rowid bound.
  return tx
    .all<{ id: number }>(
      sql`WITH hits AS MATERIALIZED (
            SELECT rowid AS id, rank AS score FROM case_search
            WHERE case_search MATCH ${query} AND rowid >= ${oldest?.id ?? 0})
          SELECT id FROM hits ORDER BY score, id DESC LIMIT ${limit}`,
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
