import type { DecisionExportRow } from "../../../db/schema.ts";
import { type ExportRange, parseExportRange } from "../../core/decisionExport.ts";
import { fail } from "../../core/domainError.ts";
import { getDecisionExport } from "../../store/decisionExports.ts";
import type { FlowDeps } from "../deps.ts";

export interface DecisionExportRequest {
  request: DecisionExportRow;
  range: ExportRange;
}

/** The export a job was queued for, with its range as the command checked it. */
export function loadDecisionExport(deps: FlowDeps, exportId: number): DecisionExportRequest {
  const request = getDecisionExport(deps.db, exportId) ?? fail("not_found", `export ${exportId} does not exist`);
  return { request, range: parseExportRange(request.fromDay, request.toDay) };
}
