import type { JobRow } from "../../../db/schema.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueFailureNotice, notifyFailureJob } from "../jobs/notifyFailure.ts";
import { postCaseSummaryJob } from "../jobs/postCaseSummary.ts";
import { enqueueCaseRefresh, refreshCaseSummaryJob } from "../jobs/refreshCaseSummary.ts";

/**
 * A side effect Slack refused for good goes on the case record and into its summary, so the team
 * sees it (a summary refresh that itself failed is only recorded, to avoid a loop).
 */
export function recordJobFailure(deps: FlowDeps, job: JobRow, error: string): void {
  if (job.caseId === null) return;
  const caseId = job.caseId;
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const record = getCase(tx, caseId);
    if (!record) return;
    const event = appendEvent(tx, {
      caseId,
      at: now,
      actor: deps.botUserId,
      kind: "slack_effect_failed",
      payload: { jobId: job.id, jobKind: job.kind, error },
    });
    if (job.kind !== refreshCaseSummaryJob.kind) enqueueCaseRefresh(tx, record, event.seq, now);
    // Without a war room, or when its summary itself failed, nobody would see the failure (a SEV3 case
    // whose triage post failed has nowhere to show it): tell the person who opened the case.
    const unseen = !record.channelId || job.kind === postCaseSummaryJob.kind;
    if (unseen && job.kind !== notifyFailureJob.kind) enqueueFailureNotice(tx, caseId, job, error, now);
  });
  deps.wakeScheduler();
}
