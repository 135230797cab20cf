import type { TimelineEventKind } from "../../core/timelineEvents.ts";
import { inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";

export const ARCHIVED_EVENT = "war_room_archived" satisfies TimelineEventKind;

export interface WarRoomToArchive {
  caseId: number;
  /** The timeline seq of the close that queued the archive. */
  closeSeq: number;
  channelId: string;
}

/** Puts the archive on the timeline, tied to the close it followed. */
export function recordWarRoomArchived(deps: FlowDeps, room: WarRoomToArchive): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) =>
    appendEvent(tx, {
      caseId: room.caseId,
      at: now,
      actor: deps.botUserId,
      kind: ARCHIVED_EVENT,
      payload: { closeSeq: room.closeSeq, channelId: room.channelId },
    }),
  );
}
