import { z } from "zod";
import type { PageRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "page.close_messages";

/** Once a page is acknowledged, its other DMs and channel post say so and lose their button. */
export const closePageMessagesJob = defineJob({
  kind,
  payload: z.object({ pageId: rowId }),
  key: ({ pageId }) => `${kind}:${pageId}`,
});

export const enqueueClosePageMessages = (tx: Executor, page: PageRow, now: number) =>
  closePageMessagesJob.enqueue(tx, { caseId: page.caseId, payload: { pageId: page.id }, runAt: now }, now);
