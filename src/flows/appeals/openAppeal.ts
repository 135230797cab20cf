import type { CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { sentence, typed } from "../../core/domainText.ts";
import { appealDeadline } from "../../core/sanctions.ts";
import { decisionByPuid, insertAppeal, openAppealOfCase, supersedingDecision } from "../../store/appeals.ts";
import { inTransaction } from "../../store/database.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import type { FlowDeps } from "../deps.ts";
import { appealCase, type CaseCommandInput } from "./appealCase.ts";
import { appealText } from "./appealText.ts";

/**
 * The sanctioned party appeals a decision (a specialist records it): within six months of the
 * decision, one appeal at a time; the case moves to under appeal.
 */
export function openAppeal(
  deps: FlowDeps,
  input: CaseCommandInput & { decisionRef: string; grounds: string },
): { record: CaseRow; puid: string } {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    const record = appealCase(deps, input);
    const ref = input.decisionRef.toUpperCase();
    const puid = ref.startsWith("TS-") ? ref : `${record.humanId}-${ref}`;
    const decision =
      decisionByPuid(tx, record.id, puid) ??
      fail("not_found", sentence`${record.humanId} has no decision ${typed(ref, 40)}.`);
    if (supersedingDecision(tx, decision.id)) fail("conflict", `${puid} was already replaced on an earlier appeal.`);
    if (openAppealOfCase(tx, record.id)) fail("conflict", `${record.humanId} already has an appeal under review.`);
    const deadline = appealDeadline(decision.decidedAt);
    if (now > deadline) {
      const day = new Date(deadline).toISOString().slice(0, 10);
      fail("conflict", `The appeal window for ${puid} closed on ${day}, six months after the decision.`);
    }
    const grounds = appealText(input.grounds, "grounds of the appeal");
    const appeal = insertAppeal(tx, {
      caseId: record.id,
      decisionId: decision.id,
      grounds,
      openedBy: input.userId,
      openedAt: now,
    });
    const updated = recordCaseChange(tx, record, {
      actor: input.userId,
      at: now,
      kind: "appeal_opened",
      payload: { appealId: appeal.id, puid, grounds },
      moveTo: "appealed",
    });
    deps.log.info({ caseId: record.humanId, appealId: appeal.id }, "appeal opened");
    return { record: updated, puid };
  });
}
