import { slackErrorCode } from "../scheduler/slackFailure.ts";
import { buildCaseSummary, caseHeadline } from "../slack/views/caseSummary.ts";
import { updateCase } from "../store/cases.ts";
import { inTransaction } from "../store/database.ts";
import { latestEventSeq } from "../store/events.ts";
import { enqueueSummaryPin, loadJobCase, refreshIfChangedSince } from "./caseJobs.ts";
import { loadCaseSnapshot } from "./caseSnapshot.ts";
import type { FlowDeps } from "./deps.ts";

/** Job: posts the live case summary in the war room, then queues its pin. */
export async function postCaseSummary(deps: FlowDeps, payload: unknown): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (!record.channelId) throw new Error(`case ${record.id} has no war room yet`);
  if (record.summaryTs) return;
  const renderedSeq = latestEventSeq(deps.db, record.id);
  const snapshot = loadCaseSnapshot(deps.db, record, deps.clock.now(), deps.config.businessTimeZone);
  const posted = await deps.slack.chat.postMessage({
    channel: record.channelId,
    text: caseHeadline(record),
    blocks: buildCaseSummary(snapshot, { offerWarRoom: false, workButtons: true }),
  });
  const ts = String(posted.ts);
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const updated = updateCase(tx, record.id, { summaryTs: ts, updatedAt: now });
    enqueueSummaryPin(tx, updated, ts, now);
    refreshIfChangedSince(tx, updated, renderedSeq, ts, now);
  });
  deps.wakeScheduler();
}

/** Job: pins the summary so it stays at hand in the channel. */
export async function pinCaseSummary(deps: FlowDeps, payload: unknown): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (!record.channelId || !record.summaryTs) throw new Error(`case ${record.id} has no summary to pin`);
  try {
    await deps.slack.pins.add({ channel: record.channelId, timestamp: record.summaryTs });
  } catch (error) {
    if (slackErrorCode(error) !== "already_pinned") throw error;
  }
}
