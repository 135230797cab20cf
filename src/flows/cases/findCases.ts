import type { CaseRow } from "../../../db/schema.ts";
import { formatCaseId, parseCaseId } from "../../core/caseId.ts";
import { fail } from "../../core/domainError.ts";
import { sentence, typed } from "../../core/domainText.ts";
import { type Action, seesOnlyConsultedCases } from "../../core/permissions.ts";
import { countOpenCases, getCaseByChannel, getCaseByHumanId, listOpenCases } from "../../store/cases.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay, assertMayOnCase, userRole } from "../roles/access.ts";
import { type CaseSnapshot, loadCaseSnapshotNow } from "./loadCaseSnapshot.ts";

export const CASE_LIST_PAGE_SIZE = 10;

export interface CasePage {
  cases: CaseRow[];
  page: number;
  pages: number;
  total: number;
}

/** Open cases the user may see, newest first, one page at a time (pages count from 1). */
export function listCases(deps: FlowDeps, input: { userId: string; page: number }): CasePage {
  const role = userRole(deps.db, input.userId);
  // A consultant may list, but sees only the cases they were consulted on.
  const onlyConsultedBy = seesOnlyConsultedCases(role) ? input.userId : undefined;
  if (!onlyConsultedBy) assertMay(deps.db, input.userId, "case.list");
  const total = countOpenCases(deps.db, onlyConsultedBy);
  const pages = Math.max(1, Math.ceil(total / CASE_LIST_PAGE_SIZE));
  const current = Math.min(Math.max(1, input.page), pages);
  const cases = listOpenCases(deps.db, {
    limit: CASE_LIST_PAGE_SIZE,
    offset: (current - 1) * CASE_LIST_PAGE_SIZE,
    onlyConsultedBy,
  });
  return { cases, page: current, pages, total };
}

/** Finds a case by its id as typed (`ts-2026-7` finds TS-2026-0007), or by the war room it is typed in. */
export function findCase(
  deps: FlowDeps,
  input: { idText: string | undefined; channelId: string },
): {
  record: CaseRow | undefined;
  notFound: string;
} {
  if (input.idText) {
    const id =
      parseCaseId(input.idText) ??
      fail("invalid_input", sentence`\`${typed(input.idText, 40)}\` is not a case id like TS-2026-0042.`);
    const humanId = formatCaseId(id.year, id.seq);
    return { record: getCaseByHumanId(deps.db, humanId), notFound: `There is no case ${humanId}.` };
  }
  const record = getCaseByChannel(deps.db, input.channelId);
  if (!record) fail("invalid_input", "Name a case (like `TS-2026-0042`) or run this in its war room.");
  return { record, notFound: "" };
}

/** The case a command is about, checked against what the user may do with it. */
export function caseForCommand(
  deps: FlowDeps,
  input: { userId: string; idText: string | undefined; channelId: string; action: Action },
): CaseSnapshot {
  const { record, notFound } = findCase(deps, input);
  return loadCaseSnapshotNow(deps, assertMayOnCase(deps.db, input.userId, input.action, record, notFound));
}
