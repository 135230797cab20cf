import { desc, inArray, like, or, sql } from "drizzle-orm";
import { type CaseRow, cases } from "../../db/schema.ts";
import type { Executor } from "./database.ts";

/** `%` and `_` typed by a user match themselves, not "anything". */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Cases in any status whose human id or title contains `text` (case-insensitively: SQLite's LIKE folds
 * ASCII case), or whose category is one of `categoryIds`; newest first.
 */
export function searchCases(
  tx: Executor,
  query: { text: string; categoryIds: readonly string[]; limit: number },
): CaseRow[] {
  const pattern = likePattern(query.text);
  const contains = (column: typeof cases.humanId | typeof cases.title) => sql`${like(column, pattern)} ESCAPE '\\'`;
  const byCategory = query.categoryIds.length > 0 ? [inArray(cases.category, [...query.categoryIds])] : [];
  return tx
    .select()
    .from(cases)
    .where(or(contains(cases.humanId), contains(cases.title), ...byCategory))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(query.limit)
    .all();
}
