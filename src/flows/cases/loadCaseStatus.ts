import type { CaseRow } from "../../../db/schema.ts";
import { mayOnSomeCases } from "../../core/permissions.ts";
import { consultsOwed, type OwedConsult } from "../consults/answerConsult.ts";
import type { FlowDeps } from "../deps.ts";
import { userRole } from "../roles/access.ts";
import { caseForCommand } from "./findCases.ts";
import type { CaseSnapshot } from "./loadCaseSnapshot.ts";

/** The whole case, or (for whom the table grants only consults) the consults of it they may see. */
export type CaseStatusAnswer =
  | { kind: "case"; snapshot: CaseSnapshot }
  | { kind: "consults"; record: CaseRow; consults: OwedConsult[] };

/** `/incident status [case]`: what the permission table lets this person read of the case. */
export function loadCaseStatus(
  deps: FlowDeps,
  input: { userId: string; idText: string | undefined; channelId: string },
): CaseStatusAnswer {
  if (mayOnSomeCases(userRole(deps.db, input.userId), "case.read")) {
    return { kind: "case", snapshot: caseForCommand(deps, { ...input, action: "case.read" }) };
  }
  const { record, consults } = consultsOwed(deps, input);
  return { kind: "consults", record, consults };
}
