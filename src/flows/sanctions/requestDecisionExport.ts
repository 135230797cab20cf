import { type ExportRange, parseExportRange } from "../../core/decisionExport.ts";
import { inTransaction } from "../../store/database.ts";
import { insertOrFindDecisionExport } from "../../store/decisionExports.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueDecisionExport } from "../jobs/exportDecisions.ts";
import { assertMay } from "../roles/access.ts";

export interface RequestedDecisionExport {
  range: ExportRange;
  /** False when the same person asked for the same range here and that export is still in progress. */
  isNew: boolean;
}

/**
 * `/incident export decisions <from> <to>`: checked and recorded at once; a job builds and uploads it, so the
 * command's answer never waits on a year of decisions.
 */
export function requestDecisionExport(
  deps: FlowDeps,
  input: { userId: string; channelId: string; fromText: string | undefined; toText: string | undefined },
): RequestedDecisionExport {
  assertMay(deps.db, input.userId, "decision.export");
  const range = parseExportRange(input.fromText, input.toText);
  const now = deps.clock.now();
  const isNew = inTransaction(deps.db, (tx) => {
    const request = { requestedBy: input.userId, requestChannelId: input.channelId, requestedAt: now };
    const { row, isNew } = insertOrFindDecisionExport(tx, { ...request, fromDay: range.from, toDay: range.to });
    enqueueDecisionExport(tx, row.id, now);
    return isNew;
  });
  deps.wakeScheduler();
  return { range, isNew };
}
