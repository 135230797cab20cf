import type { CaseRow } from "../../../db/schema.ts";
import { CATEGORIES } from "../../core/categories.ts";
import { fail } from "../../core/domainError.ts";
import { searchCases } from "../../store/caseSearch.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";

export const SEARCH_LIMIT = 20;
export const SEARCH_TEXT_MAX = 100;
export const SEARCH_USAGE = "search <text>";

/**
 * Cases open or closed whose id, title or category label contains the text, newest first. Consultants
 * are refused: they may list only the cases they were consulted on, and search would reach past them.
 */
export function searchCasesFor(deps: FlowDeps, input: { userId: string; text: string }): CaseRow[] {
  assertMay(deps.db, input.userId, "case.list");
  const text = input.text.trim();
  if (!text) fail("invalid_input", `Usage: \`/incident ${SEARCH_USAGE}\``);
  if (text.length > SEARCH_TEXT_MAX) fail("invalid_input", `Search for ${SEARCH_TEXT_MAX} characters or fewer.`);
  const needle = text.toLowerCase();
  const categoryIds = CATEGORIES.filter((c) => c.label.toLowerCase().includes(needle)).map((c) => c.id);
  return searchCases(deps.db, { text, categoryIds, limit: SEARCH_LIMIT });
}
