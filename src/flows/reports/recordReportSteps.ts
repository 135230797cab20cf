import type { ReportOutcome, ReportRunRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import type { PostedMessage } from "../../core/postedMessage.ts";
import { inTransaction } from "../../store/database.ts";
import {
  getReportRun,
  setReportFinished,
  setReportProgressMessage,
  setReportSharing,
  setReportUploaded,
} from "../../store/reportRuns.ts";
import type { FlowDeps } from "../deps.ts";

/** Each step of posting a report, recorded as soon as it is done so a retried job does not repeat it. */

export function loadReportRun(deps: FlowDeps, reportId: number): ReportRunRow {
  return getReportRun(deps.db, reportId) ?? fail("not_found", `report ${reportId} does not exist`);
}

/** Remembers the progress message, so a retried job updates it rather than posting another. */
export function recordReportProgressMessage(deps: FlowDeps, reportId: number, message: PostedMessage): void {
  inTransaction(deps.db, (tx) => setReportProgressMessage(tx, reportId, message));
}

/** The charts and CSV are shared: a retry must not upload them again. */
export function recordReportUploaded(deps: FlowDeps, reportId: number, fileIds: readonly string[]): void {
  inTransaction(deps.db, (tx) => setReportUploaded(tx, reportId, fileIds, deps.clock.now()));
}

/** The files' ids, kept just before Slack is asked to share them (see uploadFiles' beforeSharing). */
export function recordReportSharing(deps: FlowDeps, reportId: number, fileIds: readonly string[]): void {
  inTransaction(deps.db, (tx) => setReportSharing(tx, reportId, fileIds));
}

/** Closes the run once its message says how it ended. */
export function finishReport(deps: FlowDeps, reportId: number, finish: { outcome: ReportOutcome; failure?: string }) {
  inTransaction(deps.db, (tx) => setReportFinished(tx, reportId, { ...finish, at: deps.clock.now() }));
}
