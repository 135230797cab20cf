import type { CaseRow } from "../../../db/schema.ts";
import { SANCTION_RUNGS, type SanctionRung } from "../../core/sanctions.ts";
import type { Executor } from "../../store/database.ts";
import { activeInterimSuspensions, resolveInterimSuspension } from "../../store/interimSuspensions.ts";

/**
 * A decision on an account settles its interim protective suspension: a suspension or removal confirms
 * it, anything lighter lifts it. Call inside the transaction that records the decision; the decision's
 * own timeline event should carry the returned ids.
 */
export function resolveInterimSuspensions(
  tx: Executor,
  record: CaseRow,
  decision: { accountId: number; rung: SanctionRung; decidedBy: string; at: number },
): Array<{ id: number; resolution: "confirmed" | "lifted" }> {
  const tier = SANCTION_RUNGS[decision.rung].tier;
  const resolution = tier === "temporary_suspension" || tier === "permanent_removal" ? "confirmed" : "lifted";
  return activeInterimSuspensions(tx, record.id, decision.accountId).map((s) => {
    resolveInterimSuspension(tx, s.id, { resolution, resolvedBy: decision.decidedBy, resolvedAt: decision.at });
    return { id: s.id, resolution };
  });
}
