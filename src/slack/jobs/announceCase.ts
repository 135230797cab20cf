import { type CaseSnapshot, loadCaseSnapshotNow } from "../../flows/cases/loadCaseSnapshot.ts";
import { loadJobCase } from "../../flows/cases/loadJobCase.ts";
import { recordTriagePost } from "../../flows/cases/recordTriagePost.ts";
import { renderedSeqOf } from "../../flows/cases/refreshIfChangedSince.ts";
import type { announceCaseJob } from "../../flows/jobs/announceCase.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import { CASE_FORM_BUTTONS } from "../listeners/caseForms/index.ts";
import type { SlackDeps } from "../slackDeps.ts";
import type { Block } from "../views/blocks.ts";
import { buildCaseSummary, buildWarRoomAnnouncement, caseHeadline } from "../views/caseSummary.ts";
import { postInChannel } from "./postMessages.ts";

/**
 * What the triage post shows: a case with a war room gets a bare pointer to it; a SEV3/4 case
 * lives in the triage thread, so its post is the full summary with the "Open war room" button.
 */
export function triagePostBlocks(snapshot: CaseSnapshot): Block[] {
  return snapshot.record.channelId || snapshot.record.warRoomRequestedAt
    ? buildWarRoomAnnouncement(snapshot)
    : buildCaseSummary(snapshot, { offerWarRoom: true, workButtons: CASE_FORM_BUTTONS });
}

/** Job: announces the case in the triage channel (joining it first if it is public and the bot is not in). */
export async function announceCase(deps: SlackDeps, payload: PayloadOf<typeof announceCaseJob>): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (record.triageTs) return;
  const renderedSeq = renderedSeqOf(deps.db, record);
  const posted = await postInChannel(deps, deps.config.slack.triageChannelId, {
    text: `New case ${caseHeadline(record)}`,
    blocks: triagePostBlocks(loadCaseSnapshotNow(deps, record)),
  });
  recordTriagePost(deps, record, String(posted.ts), renderedSeq);
}
