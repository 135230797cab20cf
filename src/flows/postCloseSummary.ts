import { isCloseOutcome } from "../core/caseClose.ts";
import { fail } from "../core/domainError.ts";
import type { TimelineEventKind } from "../core/timelineEvents.ts";
import { buildCloseSummaryMessage } from "../slack/views/closeReplies.ts";
import { eventBySeq, eventOfClose } from "../store/caseClose.ts";
import { consultsOfCase } from "../store/consults.ts";
import { inTransaction } from "../store/database.ts";
import { appendEvent, timelinePayload } from "../store/events.ts";
import { decisionCountOfCase } from "../store/sanctions.ts";
import { loadJobCase } from "./caseJobs.ts";
import { loadCaseSnapshot } from "./caseSnapshot.ts";
import { CLOSED_EVENT, closeJobPayload } from "./closeCase.ts";
import type { FlowDeps } from "./deps.ts";

const POSTED_EVENT = "close_summary_posted" satisfies TimelineEventKind;

/**
 * Job: the closing summary in the triage channel. The channel is wider than the case team, so it
 * carries ids, labels and counts only: no title, description, parties or resolution text.
 */
export async function postCloseSummary(deps: FlowDeps, payload: unknown): Promise<void> {
  const { caseId, closeSeq } = closeJobPayload.parse(payload);
  const record = loadJobCase(deps.db, payload);
  if (eventOfClose(deps.db, caseId, POSTED_EVENT, closeSeq)) return;
  const closed = eventBySeq(deps.db, caseId, closeSeq);
  const outcome = closed?.kind === CLOSED_EVENT ? timelinePayload(CLOSED_EVENT, closed.payload).outcome : undefined;
  if (!closed || typeof outcome !== "string" || !isCloseOutcome(outcome)) {
    fail("not_found", `case ${caseId} has no close at #${closeSeq}`);
  }
  const message = buildCloseSummaryMessage({
    record,
    outcome,
    closedAt: closed.at,
    evidenceCount: loadCaseSnapshot(deps.db, record, closed.at, deps.config.businessTimeZone).evidenceCount,
    consultCount: consultsOfCase(deps.db, caseId).length,
    decisionCount: decisionCountOfCase(deps.db, caseId),
  });
  const channel = deps.config.slack.triageChannelId;
  const posted = await deps.slack.chat.postMessage({ channel, ...message });
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) =>
    appendEvent(tx, {
      caseId,
      at: now,
      actor: deps.botUserId,
      kind: POSTED_EVENT,
      payload: { closeSeq, channelId: channel, ts: String(posted.ts) },
    }),
  );
}
