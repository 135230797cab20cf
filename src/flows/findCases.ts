import type { CaseRow } from "../../db/schema.ts";
import { formatCaseId, parseCaseId } from "../core/caseId.ts";
import { fail } from "../core/domainError.ts";
import { userText } from "../slack/views/mrkdwn.ts";
import { countOpenCases, getCaseByChannel, getCaseByHumanId, listOpenCases } from "../store/cases.ts";
import { type CaseSnapshot, loadCaseSnapshot } from "./caseSnapshot.ts";
import type { FlowDeps } from "./deps.ts";

export const CASE_LIST_PAGE_SIZE = 10;

export interface CasePage {
  cases: CaseRow[];
  page: number;
  pages: number;
  total: number;
}

/** Open cases, newest first, one page at a time (pages count from 1). */
export function listCases(deps: FlowDeps, page: number): CasePage {
  const total = countOpenCases(deps.db);
  const pages = Math.max(1, Math.ceil(total / CASE_LIST_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const cases = listOpenCases(deps.db, { limit: CASE_LIST_PAGE_SIZE, offset: (current - 1) * CASE_LIST_PAGE_SIZE });
  return { cases, page: current, pages, total };
}

/**
 * The case a command is about: the id given, else the war room it was typed in.
 * Ids are matched in their canonical form, so `ts-2026-7` finds TS-2026-0007.
 */
export function caseForCommand(deps: FlowDeps, input: { idText: string | undefined; channelId: string }): CaseSnapshot {
  let record: CaseRow | undefined;
  if (input.idText) {
    const id =
      parseCaseId(input.idText) ??
      fail("invalid_input", `\`${userText(input.idText, 40)}\` is not a case id like TS-2026-0042.`);
    record = getCaseByHumanId(deps.db, formatCaseId(id.year, id.seq));
    if (!record) fail("not_found", `There is no case ${formatCaseId(id.year, id.seq)}.`);
  } else {
    record = getCaseByChannel(deps.db, input.channelId);
    if (!record) fail("invalid_input", "Name a case (`/incident status TS-2026-0042`) or run this in its war room.");
  }
  return loadCaseSnapshot(deps.db, record);
}
