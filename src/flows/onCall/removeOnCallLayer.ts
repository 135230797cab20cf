import type { OnCallLayerRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { inTransaction } from "../../store/database.ts";
import { removeLayer } from "../../store/onCall.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { onScheduleChanged } from "./shiftReminders.ts";

export function removeOnCallLayer(deps: FlowDeps, actor: string, name: string): OnCallLayerRow {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.manage");
    const removed = removeLayer(tx, name, actor, now) ?? fail("not_found", `There is no on-call layer named ${name}.`);
    onScheduleChanged(tx, deps, now);
    deps.log.info({ layer: name, by: actor }, "on-call layer removed");
    return removed;
  });
}
