import type { CaseRow } from "../../../db/schema.ts";
import type { FlowDeps } from "../deps.ts";
import { caseFromCommand } from "./caseForAction.ts";
import { type ChainCheck, verifyCaseChain } from "./verifyCaseChain.ts";

export interface CaseVerification extends ChainCheck {
  record: CaseRow;
}

/**
 * `/incident verify`: recomputes the case's hash chain. Reading records nothing; a broken chain is logged for
 * the operators, since it means the database was changed outside the app.
 */
export async function verifyCase(
  deps: FlowDeps,
  input: { userId: string; idText: string | undefined; channelId: string },
): Promise<CaseVerification> {
  const record = caseFromCommand(deps, input, "case.verify");
  const check = await verifyCaseChain(deps.db, record.id);
  if (!check.verdict.ok) {
    const { seq, reason } = check.verdict;
    deps.log.warn({ caseId: record.humanId, seq, reason }, "case record chain broken");
  }
  return { record, ...check };
}
