import { inTransaction } from "../../store/database.ts";
import { setExportProgressMessage } from "../../store/decisionExports.ts";
import type { FlowDeps } from "../deps.ts";

/** Remembers the progress message, so a retried job updates it rather than posting another. */
export function recordExportProgressMessage(
  deps: FlowDeps,
  exportId: number,
  message: { channel: string; ts: string },
) {
  inTransaction(deps.db, (tx) => setExportProgressMessage(tx, exportId, message));
}
