import type { OnCallOverrideRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { inTransaction } from "../../store/database.ts";
import { cancelOverride } from "../../store/onCall.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { onScheduleChanged } from "./shiftReminders.ts";

export function cancelOnCallOverride(deps: FlowDeps, actor: string, id: number): OnCallOverrideRow {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.manage");
    const row =
      cancelOverride(tx, id, actor, now) ?? fail("not_found", `There is no current override #${id} to cancel.`);
    onScheduleChanged(tx, deps, now);
    deps.log.info({ override: id, by: actor }, "on-call override cancelled");
    return row;
  });
}
