import type { CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { isOpenStatus } from "../../core/lifecycle.ts";
import { updateCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import { caseFromButton } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueCreateWarRoom } from "../jobs/createWarRoom.ts";
import { enqueueCaseRefresh } from "../jobs/refreshCaseSummary.ts";

export interface RequestWarRoomResult {
  record: CaseRow;
  /** False when a war room existed or was already on its way (a second click). */
  requested: boolean;
}

/** Escalates a triage-thread case into its own war room. */
export function requestWarRoom(deps: FlowDeps, input: { humanId: string; userId: string }): RequestWarRoomResult {
  const now = deps.clock.now();
  const result = inTransaction(deps.db, (tx): RequestWarRoomResult => {
    const record = caseFromButton(deps, input.userId, input.humanId, "war_room.open");
    if (record.channelId || record.warRoomRequestedAt) return { record, requested: false };
    if (!isOpenStatus(record.status)) {
      fail("conflict", `${record.humanId} is ${record.status}; reopen it before opening a war room.`);
    }
    const updated = updateCase(tx, record.id, {
      warRoomRequestedAt: now,
      warRoomRequestedBy: input.userId,
      updatedAt: now,
    });
    const event = appendEvent(tx, {
      caseId: record.id,
      at: now,
      actor: input.userId,
      kind: "war_room_requested",
      payload: {},
    });
    enqueueCreateWarRoom(tx, updated, now);
    enqueueCaseRefresh(tx, updated, event.seq, now);
    return { record: updated, requested: true };
  });
  if (result.requested) deps.wakeScheduler();
  return result;
}
