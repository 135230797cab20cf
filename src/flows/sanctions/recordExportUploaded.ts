import { inTransaction } from "../../store/database.ts";
import { setExportSharing, setExportUploaded } from "../../store/decisionExports.ts";
import type { FlowDeps } from "../deps.ts";

/** Recorded as soon as Slack shared the files: a retry after this never uploads them again. */
export function recordExportUploaded(deps: FlowDeps, exportId: number, fileIds: readonly string[]): void {
  inTransaction(deps.db, (tx) => setExportUploaded(tx, exportId, fileIds, deps.clock.now()));
}

/** The files' ids, kept just before Slack is asked to share them (see uploadFiles' beforeSharing). */
export function recordExportSharing(deps: FlowDeps, exportId: number, fileIds: readonly string[]): void {
  inTransaction(deps.db, (tx) => setExportSharing(tx, exportId, fileIds));
}
