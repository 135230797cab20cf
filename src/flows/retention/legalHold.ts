import type { CaseRow, LegalHoldRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { cleanText } from "../../core/text.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { activeLegalHold, insertLegalHold, isCaseRedacted, releaseLegalHold } from "../../store/retention.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import { caseFromCommand } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";
import { planRedaction } from "./planRetention.ts";

export const HOLD_REASON_MAX = 1000;

export interface LegalHoldInput {
  userId: string;
  channelId: string;
  /** The case as typed (`TS-…`), or undefined in its war room. */
  idText: string | undefined;
}

/** A lead keeps a case's personal data past its retention period (litigation, an authority's request). */
export function placeLegalHold(
  deps: FlowDeps,
  input: LegalHoldInput & { reason: string },
): { record: CaseRow; hold: LegalHoldRow } {
  const found = caseFromCommand(deps, input, "case.hold");
  const reason = cleanText(input.reason);
  if (reason.length === 0) fail("invalid_input", "Say why the case is held, after its id.");
  if (reason.length > HOLD_REASON_MAX) fail("invalid_input", `Keep the reason to ${HOLD_REASON_MAX} characters.`);
  const at = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    const record = getCase(tx, found.id) ?? fail("not_found", "That case no longer exists.");
    const held = activeLegalHold(tx, record.id);
    if (held) fail("conflict", `${record.humanId} is already under legal hold (${held.reason.slice(0, 200)}).`);
    // The data is gone already: a hold now would promise what it cannot keep.
    if (isCaseRedacted(tx, record.id)) fail("conflict", `${record.humanId}'s personal data was already redacted.`);
    const hold = insertLegalHold(tx, { caseId: record.id, reason, placedBy: input.userId, placedAt: at });
    const updated = recordCaseChange(tx, record, {
      actor: input.userId,
      at,
      kind: "legal_hold_placed",
      payload: { holdId: hold.id, reason },
    });
    deps.log.info({ caseId: record.humanId, holdId: hold.id }, "legal hold placed");
    return { record: updated, hold };
  });
}

/** A lead ends the hold; a case whose period is already over is queued for redaction at once. */
export function releaseHold(deps: FlowDeps, input: LegalHoldInput): { record: CaseRow } {
  const found = caseFromCommand(deps, input, "case.hold");
  const at = deps.clock.now();
  const result = inTransaction(deps.db, (tx) => {
    const record = getCase(tx, found.id) ?? fail("not_found", "That case no longer exists.");
    const hold = activeLegalHold(tx, record.id) ?? fail("conflict", `${record.humanId} is not under legal hold.`);
    releaseLegalHold(tx, hold.id, { releasedBy: input.userId, releasedAt: at });
    const updated = recordCaseChange(tx, record, {
      actor: input.userId,
      at,
      kind: "legal_hold_released",
      payload: { holdId: hold.id },
    });
    planRedaction(tx, record.id, `release${hold.id}`, at);
    deps.log.info({ caseId: record.humanId, holdId: hold.id }, "legal hold released");
    return { record: updated };
  });
  deps.wakeScheduler();
  return result;
}
