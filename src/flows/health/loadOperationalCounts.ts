import { closedCaseCounts, jobBacklog, openCaseCounts } from "../../store/operationalCounts.ts";
import type { FlowDeps } from "../deps.ts";

/** What /metrics shows of the record at each scrape: open cases, and the job queue's depth and lag. */
export function loadOperationalCounts(deps: FlowDeps) {
  const now = deps.clock.now();
  const backlog = jobBacklog(deps.db, now);
  return {
    openCases: openCaseCounts(deps.db),
    pendingJobs: backlog.pending,
    oldestDueJobAgeMs: backlog.oldestDueAt === null ? 0 : now - backlog.oldestDueAt,
  };
}

/** Closed cases by status: a walk of an index over every closed case, so read rarely (see DeskMetrics). */
export function loadClosedCaseCounts(deps: FlowDeps) {
  return closedCaseCounts(deps.db);
}
