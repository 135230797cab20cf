import type { JobRow } from "../../../db/schema.ts";
import { JOB } from "../../scheduler/jobKinds.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueJob } from "../enqueueJob.ts";
import { enqueueCaseRefresh } from "./caseJobs.ts";

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
    if (job.kind !== JOB.refreshSummary) enqueueCaseRefresh(tx, record, event.seq, now);
    // Without a war room, or when its summary itself failed, nobody would see the failure (a SEV3 case
    // whose triage post failed has nowhere to show it): tell the person who opened the case.
    const unseen = !record.channelId || job.kind === JOB.postSummary;
    if (unseen && job.kind !== JOB.notifyFailure) {
      enqueueJob(
        tx,
        {
          kind: JOB.notifyFailure,
          caseId,
          payload: { caseId, jobKind: job.kind, error },
          key: `${JOB.notifyFailure}:${job.id}`,
          runAt: now,
        },
        now,
      );
    }
  });
  deps.wakeScheduler();
}
