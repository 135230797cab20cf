import type { CaseRow } from "../../db/schema.ts";
import type { Block } from "../slack/views/blocks.ts";
import { buildCaseSummary, buildWarRoomAnnouncement, caseHeadline } from "../slack/views/caseSummary.ts";
import { updateCase } from "../store/cases.ts";
import { inTransaction } from "../store/database.ts";
import { appendEvent, latestEventSeq } from "../store/events.ts";
import { loadJobCase, refreshIfChangedSince } from "./caseJobs.ts";
import { type CaseSnapshot, loadCaseSnapshot } from "./caseSnapshot.ts";
import type { FlowDeps } from "./deps.ts";
import { postInChannel } from "./postMessages.ts";

/**
 * What the triage post shows: a case with a war room gets a bare pointer to it; a SEV3/4 case
 * lives in the triage thread, so its post is the full summary with the "Open war room" button.
 */
export function triagePostBlocks(snapshot: CaseSnapshot): Block[] {
  return snapshot.record.channelId || snapshot.record.warRoomRequestedAt
    ? buildWarRoomAnnouncement(snapshot)
    : buildCaseSummary(snapshot, { offerWarRoom: true, workButtons: true });
}

/** Job: announces the case in the triage channel (joining it first if it is public and the bot is not in). */
export async function announceCase(deps: FlowDeps, payload: unknown): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (record.triageTs) return;
  const renderedSeq = latestEventSeq(deps.db, record.id);
  const posted = await postInChannel(deps, deps.config.slack.triageChannelId, {
    text: `New case ${caseHeadline(record)}`,
    blocks: triagePostBlocks(loadCaseSnapshot(deps.db, record, deps.clock.now(), deps.config.businessTimeZone)),
  });
  recordTriagePost(deps, record, String(posted.ts), renderedSeq);
}

function recordTriagePost(deps: FlowDeps, record: CaseRow, ts: string, renderedSeq: number): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const updated = updateCase(tx, record.id, { triageTs: ts, updatedAt: now });
    refreshIfChangedSince(tx, updated, renderedSeq, ts, now);
    appendEvent(tx, {
      caseId: record.id,
      at: now,
      actor: deps.botUserId,
      kind: "announced_in_triage",
      payload: { channelId: deps.config.slack.triageChannelId, ts },
    });
  });
}
