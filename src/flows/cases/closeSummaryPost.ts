import type { CaseRow } from "../../../db/schema.ts";
import { type CloseOutcome, isCloseOutcome } from "../../core/caseClose.ts";
import { fail } from "../../core/domainError.ts";
import type { PostedMessage } from "../../core/postedMessage.ts";
import type { TimelineEventKind } from "../../core/timelineEvents.ts";
import { eventBySeq, eventOfClose } from "../../store/caseClose.ts";
import { consultsOfCase } from "../../store/consults.ts";
import { inTransaction } from "../../store/database.ts";
import { appendEvent, timelinePayload } from "../../store/events.ts";
import { decisionCountOfCase } from "../../store/sanctions.ts";
import type { FlowDeps } from "../deps.ts";
import type { PayloadOf } from "../jobs/defineJob.ts";
import type { postCloseSummaryJob } from "../jobs/postCloseSummary.ts";
import { CLOSED_EVENT } from "./closeCase.ts";
import { loadCaseSnapshot } from "./loadCaseSnapshot.ts";
import { loadJobCase } from "./loadJobCase.ts";

const POSTED_EVENT = "close_summary_posted" satisfies TimelineEventKind;

/** What the closing summary shows: ids, labels and counts only, as the triage channel is wider than the case team. */
export interface CloseSummaryInput {
  record: CaseRow;
  outcome: CloseOutcome;
  closedAt: number;
  evidenceCount: number;
  consultCount: number;
  decisionCount: number;
}

/** The close a summary job is for, with what its summary shows; undefined once that summary is posted. */
export function closeSummaryToPost(
  deps: FlowDeps,
  payload: PayloadOf<typeof postCloseSummaryJob>,
): { closeSeq: number; summary: CloseSummaryInput } | undefined {
  const { caseId, closeSeq } = payload;
  const record = loadJobCase(deps.db, payload);
  if (eventOfClose(deps.db, caseId, POSTED_EVENT, closeSeq)) return undefined;
  const closed = eventBySeq(deps.db, caseId, closeSeq);
  const outcome = closed?.kind === CLOSED_EVENT ? timelinePayload(CLOSED_EVENT, closed.payload).outcome : undefined;
  if (!closed || typeof outcome !== "string" || !isCloseOutcome(outcome)) {
    fail("not_found", `case ${caseId} has no close at #${closeSeq}`);
  }
  return {
    closeSeq,
    summary: {
      record,
      outcome,
      closedAt: closed.at,
      evidenceCount: loadCaseSnapshot(deps.db, record, closed.at, deps.config.businessTimeZone).evidenceCount,
      consultCount: consultsOfCase(deps.db, caseId).length,
      decisionCount: decisionCountOfCase(deps.db, caseId),
    },
  };
}

/** Records the posted summary against its close, so a rerun posts nothing. */
export function recordCloseSummaryPost(deps: FlowDeps, caseId: number, closeSeq: number, posted: PostedMessage): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) =>
    appendEvent(tx, {
      caseId,
      at: now,
      actor: deps.botUserId,
      kind: POSTED_EVENT,
      payload: { closeSeq, channelId: posted.channel, ts: posted.ts },
    }),
  );
}
