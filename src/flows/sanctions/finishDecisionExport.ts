import type { DecisionExportOutcome } from "../../../db/schema.ts";
import { inTransaction } from "../../store/database.ts";
import { setExportFinished } from "../../store/decisionExports.ts";
import type { FlowDeps } from "../deps.ts";

/** Closes the request once its progress message says how it ended; the same range may then be asked for again. */
export function finishDecisionExport(
  deps: FlowDeps,
  exportId: number,
  finish: { outcome: DecisionExportOutcome; failure?: string },
): void {
  inTransaction(deps.db, (tx) => setExportFinished(tx, exportId, { ...finish, at: deps.clock.now() }));
}
