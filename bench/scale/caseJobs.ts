/** The jobs rows a case's flows leave behind, in the state they are in once the case has been quiet. */
import { announceCaseJob } from "../../src/flows/jobs/announceCase.ts";
import { checkSlaClocksJob } from "../../src/flows/jobs/checkSlaClocks.ts";
import { refreshCaseSummaryJob } from "../../src/flows/jobs/refreshCaseSummary.ts";
import type { BulkWriter } from "./bulkWriter.ts";
import type { CasePlan } from "./caseHistory.ts";
import { HISTORY_END } from "./scaleShape.ts";

const DAY = 24 * 60 * 60_000;

/**
 * The jobs intake and the summary refresh queue, done unless the case is still open; an open case also has
 * the SLA check every start queues once (so this database looks started before, as a real one would be).
 */
export function writeCaseJobs(w: BulkWriter, caseId: number, plan: CasePlan, version: number, lastAt: number): number {
  const jobs = [
    { kind: announceCaseJob.kind, key: announceCaseJob.key({ caseId }), runAt: plan.createdAt, done: true },
    {
      kind: refreshCaseSummaryJob.kind,
      key: refreshCaseSummaryJob.key({ caseId }, version),
      runAt: lastAt,
      done: !plan.open,
    },
    {
      kind: checkSlaClocksJob.kind,
      key: checkSlaClocksJob.key({ caseId }, `v${version}`),
      runAt: lastAt,
      done: !plan.open,
    },
    ...(plan.open
      ? [
          {
            kind: checkSlaClocksJob.kind,
            key: checkSlaClocksJob.key({ caseId }, "startup"),
            runAt: HISTORY_END,
            done: true,
          },
        ]
      : []),
  ];
  for (const job of jobs) {
    w.job({
      kind: job.kind,
      payload: JSON.stringify({ caseId }),
      case_id: caseId,
      idempotency_key: job.key,
      // An open case's pending jobs wait for a later change: none may fall due during the bench.
      run_at: job.done ? job.runAt : Math.max(job.runAt, HISTORY_END) + 365 * DAY,
      attempts: job.done ? 1 : 0,
      max_attempts: 12,
      lease_until: null,
      leased_by: null,
      last_error: null,
      done_at: job.done ? job.runAt + 200 : null,
      failed_at: null,
      created_at: job.runAt,
    });
  }
  return jobs.length;
}
