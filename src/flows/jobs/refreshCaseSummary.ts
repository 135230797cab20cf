import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";
import { setWarRoomTopicJob } from "./setWarRoomTopic.ts";

const kind = "summary.refresh";

/** `version` makes one job per change: a timeline seq, or `after:<ts>` for the refresh that follows a post. */
export const refreshCaseSummaryJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId }),
  key: ({ caseId }, version: number | string) => `${kind}:${caseId}:${version}`,
});

/**
 * Summary and topic follow the case: `version` (the latest timeline seq) makes one job per change,
 * and each job renders the case as it is when it runs. The topic shows only id, severity and status,
 * so it is set again only when `topic` says one of those may have changed.
 */
export function enqueueCaseRefresh(
  tx: Executor,
  record: CaseRow,
  version: number,
  now: number,
  { topic = false }: { topic?: boolean } = {},
): void {
  const job = { caseId: record.id, payload: { caseId: record.id }, runAt: now };
  refreshCaseSummaryJob.enqueue(tx, job, now, version);
  if (topic && record.channelId) setWarRoomTopicJob.enqueue(tx, job, now, version);
}
