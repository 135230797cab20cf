import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import { eventOfClose, latestEventOfKind } from "../../store/caseClose.ts";
import { inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import { CLOSED_EVENT } from "../cases/closeCase.ts";
import { loadJobCase } from "../cases/loadJobCase.ts";
import type { FlowDeps } from "../deps.ts";
import { archiveWarRoomPayload as closeJobPayload } from "../jobs/archiveWarRoom.ts";

const ARCHIVED_EVENT = "war_room_archived";

/**
 * Job, due a grace period after a close: archives the war room. A case reopened (appealed) since that
 * close keeps its room; a case closed again has its own, later job.
 */
export async function archiveWarRoom(deps: FlowDeps, payload: unknown): Promise<void> {
  const { caseId, closeSeq } = closeJobPayload.parse(payload);
  const record = loadJobCase(deps.db, payload);
  const stillThatClose =
    record.status === "closed" && latestEventOfKind(deps.db, caseId, CLOSED_EVENT)?.seq === closeSeq;
  if (!stillThatClose) {
    deps.log.info({ caseId: record.humanId, closeSeq }, "case reopened since its close: war room left open");
    return;
  }
  if (!record.channelId || eventOfClose(deps.db, caseId, ARCHIVED_EVENT, closeSeq)) return;
  await deps.slack.conversations.archive({ channel: record.channelId }).catch((error: unknown) => {
    // Someone archived it by hand: the room is where it should be.
    if (slackErrorCode(error) !== "already_archived") throw error;
  });
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) =>
    appendEvent(tx, {
      caseId,
      at: now,
      actor: deps.botUserId,
      kind: ARCHIVED_EVENT,
      payload: { closeSeq, channelId: record.channelId },
    }),
  );
}
