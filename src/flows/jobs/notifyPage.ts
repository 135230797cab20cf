import { z } from "zod";
import type { PageRow } from "../../../db/schema.ts";
import { PAGE_STEPS, pageLadder } from "../../core/paging.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "page.notify";

/** One step of a page's ladder: DM the primary, DM the secondary, or post to the escalation channel. */
export const notifyPageJob = defineJob({
  kind,
  payload: z.object({ pageId: rowId, step: z.enum(PAGE_STEPS) }),
  key: ({ pageId, step }) => `${kind}:${pageId}:${step}`,
});

/**
 * Queues every step of a new page's ladder at the earliest it may run; each step's job decides when it
 * runs whether it is still due, and waits for the step before it.
 */
export function enqueuePageSteps(tx: Executor, page: PageRow, now: number): void {
  for (const { step, at } of pageLadder(page.createdAt, page.ackMinutes)) {
    notifyPageJob.enqueue(tx, { caseId: page.caseId, payload: { pageId: page.id, step }, runAt: at }, now);
  }
}
