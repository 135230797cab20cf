import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { latestEventSeq } from "../../store/events.ts";
import { refreshCaseSummaryJob } from "../jobs/refreshCaseSummary.ts";

/** The timeline seq a post renders: recorded with the post, it tells whether a change arrived meanwhile. */
export const renderedSeqOf = (tx: Executor, record: CaseRow): number => latestEventSeq(tx, record.id);

/**
 * A summary or triage post renders the case, then waits for Slack; a change recorded meanwhile found no
 * message yet to refresh. Once the post is recorded, one more refresh follows if the timeline moved on.
 */
export function refreshIfChangedSince(tx: Executor, record: CaseRow, renderedSeq: number, ts: string, now: number) {
  if (latestEventSeq(tx, record.id) <= renderedSeq) return;
  const job = { caseId: record.id, payload: { caseId: record.id }, runAt: now };
  refreshCaseSummaryJob.enqueue(tx, job, now, `after:${ts}`);
}
