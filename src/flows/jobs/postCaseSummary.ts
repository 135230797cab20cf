import { z } from "zod";
import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "summary.post";

/** One summary per channel: a war room replaced after it was lost gets its own post. */
export const postCaseSummaryJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId }),
  key: ({ caseId }, channelId: string | null) => `${kind}:${caseId}:${channelId}`,
});

export const enqueueSummaryPost = (tx: Executor, record: CaseRow, now: number) =>
  postCaseSummaryJob.enqueue(
    tx,
    { caseId: record.id, payload: { caseId: record.id }, runAt: now },
    now,
    record.channelId,
  );
