import type { CaseRow } from "../../../db/schema.ts";
import { updateCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueSummaryPin } from "../jobs/pinCaseSummary.ts";
import { enqueueSummaryPost } from "../jobs/postCaseSummary.ts";
import { refreshIfChangedSince } from "./refreshIfChangedSince.ts";

/** Records the war room's summary message, queues its pin, and a refresh if the case changed meanwhile. */
export function recordSummaryPost(deps: FlowDeps, record: CaseRow, ts: string, renderedSeq: number): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const updated = updateCase(tx, record.id, { summaryTs: ts, updatedAt: now });
    enqueueSummaryPin(tx, updated, ts, now);
    refreshIfChangedSince(tx, updated, renderedSeq, ts, now);
  });
  deps.wakeScheduler();
}

/** Someone deleted the summary: forget it and post a fresh one (and pin it) rather than lose it. */
export function replaceLostSummary(deps: FlowDeps, record: CaseRow): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) =>
    enqueueSummaryPost(tx, updateCase(tx, record.id, { summaryTs: null, updatedAt: now }), now),
  );
  deps.wakeScheduler();
}
