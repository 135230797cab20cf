import type { CaseRow } from "../../../db/schema.ts";
import { caseFromCommand } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";

export interface CaseCommandInput {
  userId: string;
  channelId: string;
  idText: string | undefined;
}

/** The case an appeal command names (or the war room's), if the user may propose sanctions on it. */
export function appealCase(deps: FlowDeps, input: CaseCommandInput): CaseRow {
  return caseFromCommand(deps, input, "sanction.propose");
}
