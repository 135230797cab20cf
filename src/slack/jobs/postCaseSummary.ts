import { loadCaseSnapshotNow } from "../../flows/cases/loadCaseSnapshot.ts";
import { loadJobCase } from "../../flows/cases/loadJobCase.ts";
import { recordSummaryPost } from "../../flows/cases/recordSummaryPost.ts";
import { renderedSeqOf } from "../../flows/cases/refreshIfChangedSince.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { postCaseSummaryJob } from "../../flows/jobs/postCaseSummary.ts";
import { CASE_FORM_BUTTONS } from "../listeners/caseForms/index.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildCaseSummary, caseHeadline } from "../views/caseSummary.ts";

/** Job: posts the live case summary in the war room, then queues its pin. */
export async function postCaseSummary(deps: SlackDeps, payload: PayloadOf<typeof postCaseSummaryJob>): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (!record.channelId) throw new Error(`case ${record.id} has no war room yet`);
  if (record.summaryTs) return;
  const renderedSeq = renderedSeqOf(deps.db, record);
  const snapshot = loadCaseSnapshotNow(deps, record);
  const posted = await deps.slack.chat.postMessage({
    channel: record.channelId,
    text: caseHeadline(record),
    blocks: buildCaseSummary(snapshot, { offerWarRoom: false, workButtons: CASE_FORM_BUTTONS }),
  });
  recordSummaryPost(deps, record, String(posted.ts), renderedSeq);
}
