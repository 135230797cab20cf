import { pageStepAction } from "../../core/paging.ts";
import type { Executor } from "../../store/database.ts";
import { getPage } from "../../store/pages.ts";
import { notifyPageJob } from "../jobs/notifyPage.ts";

/**
 * Whether a page step's job would post in the escalation channel (nobody to DM) rather than DM a person,
 * as things stand now; a payload or page that does not parse or exist fails in the job itself.
 */
export function pageStepPostsToChannel(tx: Executor, payload: unknown): boolean {
  const parsed = notifyPageJob.payload.safeParse(payload);
  if (!parsed.success) return false;
  const page = getPage(tx, parsed.data.pageId);
  return page !== undefined && pageStepAction(page, parsed.data.step)?.kind === "escalation_channel";
}
