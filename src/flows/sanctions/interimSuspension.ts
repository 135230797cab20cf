import type { CaseRow, InterimSuspensionRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { isOpenStatus } from "../../core/lifecycle.ts";
import { cleanText } from "../../core/text.ts";
import { inTransaction } from "../../store/database.ts";
import {
  activeInterimSuspensions,
  insertInterimSuspension,
  resolveInterimSuspension,
} from "../../store/interimSuspensions.ts";
import { partiesOfCase } from "../../store/parties.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import { caseFromCommand } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";

export const INTERIM_REASON_MAX = 1000;

export interface InterimInput {
  userId: string;
  channelId: string;
  idText: string | undefined;
  accountRef: string;
  reason: string;
}

function caseAndAccount(deps: FlowDeps, input: InterimInput): { record: CaseRow; accountId: number } {
  const allowed = caseFromCommand(deps, input, "interim.apply");
  const party = partiesOfCase(deps.db, allowed.id).find(
    (p) => p.account.accountRef.toLowerCase() === input.accountRef.toLowerCase(),
  );
  if (!party) fail("invalid_input", `\`${input.accountRef.slice(0, 64)}\` is not a party of ${allowed.humanId}.`);
  const reason = cleanText(input.reason);
  if (reason.length === 0) fail("invalid_input", "Give the reason for the interim suspension.");
  if (reason.length > INTERIM_REASON_MAX) fail("invalid_input", `Keep the reason to ${INTERIM_REASON_MAX} characters.`);
  return { record: allowed, accountId: party.account.id };
}

/**
 * A lead suspends an account at once to protect people while a SEV1/SEV2 case is decided; it stays
 * in force, shown in red in the summary, until a decision confirms or lifts it.
 */
export function applyInterimSuspension(
  deps: FlowDeps,
  input: InterimInput,
): { record: CaseRow; suspension: InterimSuspensionRow } {
  const at = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    const { record, accountId } = caseAndAccount(deps, input);
    if (record.severity !== "sev1" && record.severity !== "sev2") {
      fail("conflict", `An interim suspension protects people on SEV1 and SEV2 cases; ${record.humanId} is not one.`);
    }
    if (!isOpenStatus(record.status)) fail("conflict", `${record.humanId} is not open.`);
    if (activeInterimSuspensions(tx, record.id, accountId).length > 0) {
      fail(
        "conflict",
        `\`${input.accountRef.slice(0, 64)}\` is already suspended in the interim on ${record.humanId}.`,
      );
    }
    const suspension = insertInterimSuspension(tx, {
      caseId: record.id,
      accountId,
      reason: cleanText(input.reason),
      appliedBy: input.userId,
      appliedAt: at,
    });
    const updated = recordCaseChange(tx, record, {
      actor: input.userId,
      at,
      kind: "interim_suspension_applied",
      payload: { accountRef: input.accountRef, reason: suspension.reason },
    });
    deps.log.info({ caseId: record.humanId, suspensionId: suspension.id }, "interim suspension applied");
    return { record: updated, suspension };
  });
}

/** A lead lifts an interim suspension without a sanction (the lifting decision), with the reason. */
export function liftInterimSuspension(deps: FlowDeps, input: InterimInput): { record: CaseRow } {
  const at = deps.clock.now();
  const result = inTransaction(deps.db, (tx) => {
    const { record, accountId } = caseAndAccount(deps, input);
    const [active] = activeInterimSuspensions(tx, record.id, accountId);
    if (!active)
      fail("conflict", `\`${input.accountRef.slice(0, 64)}\` has no interim suspension in force on ${record.humanId}.`);
    resolveInterimSuspension(tx, active.id, { resolution: "lifted", resolvedBy: input.userId, resolvedAt: at });
    const updated = recordCaseChange(tx, record, {
      actor: input.userId,
      at,
      kind: "interim_suspension_lifted",
      payload: { accountRef: input.accountRef, reason: cleanText(input.reason), suspensionId: active.id },
    });
    return { record: updated };
  });
  deps.wakeScheduler();
  return result;
}
