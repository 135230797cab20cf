import type { CaseRow } from "../../../db/schema.ts";
import type { Action } from "../../core/permissions.ts";
import { getCase, getCaseByHumanId } from "../../store/cases.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMayOnCase } from "../roles/access.ts";
import { findCase } from "./findCases.ts";

/** The case behind a button (whose value is the case's human id), if the user may `action` on it. */
export function caseFromButton(deps: FlowDeps, userId: string, humanId: string, action: Action): CaseRow {
  return assertMayOnCase(deps.db, userId, action, getCaseByHumanId(deps.db, humanId), `There is no case ${humanId}.`);
}

/** The case a modal submission is about (its id from private_metadata), re-checked at submit time. */
export function caseFromModal(deps: FlowDeps, userId: string, caseId: number, action: Action): CaseRow {
  return assertMayOnCase(deps.db, userId, action, getCase(deps.db, caseId), "That case no longer exists.");
}

/** The case a subcommand names (`TS-…`), or the war room it is typed in, if the user may `action` on it. */
export function caseFromCommand(
  deps: FlowDeps,
  input: { userId: string; idText: string | undefined; channelId: string },
  action: Action,
): CaseRow {
  const { record, notFound } = findCase(deps, input);
  return assertMayOnCase(deps.db, input.userId, action, record, notFound);
}
