import type { CaseRow } from "../../../db/schema.ts";
import { categoriesNamedBy } from "../../core/categoriesNamedBy.ts";
import { fail } from "../../core/domainError.ts";
import { searchCases } from "../../store/caseSearch.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";

export const SEARCH_LIMIT = 20;
export const SEARCH_USAGE = "search <text>";

/**
 * Cases open or closed whose id, title, description, parties or category match the text, best match first.
 * Consultants are refused: they may list only the cases they were consulted on, and search would reach past them.
 * Long text is not refused: the store searches its first words only.
 */
export function searchCasesFor(deps: FlowDeps, input: { userId: string; text: string }): CaseRow[] {
  assertMay(deps.db, input.userId, "case.list");
  const text = input.text.trim();
  if (!text) fail("invalid_input", `Usage: \`/incident ${SEARCH_USAGE}\``);
  return searchCases(deps.db, { text, categoryIds: categoriesNamedBy(text), limit: SEARCH_LIMIT });
}
