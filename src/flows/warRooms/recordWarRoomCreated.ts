import type { CaseRow } from "../../../db/schema.ts";
import { needsWarRoomAtIntake, parseSeverity } from "../../core/severity.ts";
import { updateCase } from "../../store/cases.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueTriagePost } from "../jobs/announceCase.ts";
import { enqueueInvite } from "../jobs/inviteToWarRoom.ts";
import { enqueueSummaryPost } from "../jobs/postCaseSummary.ts";
import { enqueueCaseRefresh } from "../jobs/refreshCaseSummary.ts";
import { onCallAt } from "../onCall/onCallRoster.ts";

export interface CreatedWarRoom {
  channelId: string;
  channelName: string;
  isPrivate: boolean;
  /** The channel existed already: the bot made it before a crash lost Slack's answer. */
  adopted: boolean;
}

/** Puts the new war room on the case and the timeline, then queues invites, summary, triage post and topic. */
export function recordWarRoomCreated(deps: FlowDeps, record: CaseRow, room: CreatedWarRoom): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const updated = updateCase(tx, record.id, {
      channelId: room.channelId,
      channelName: room.channelName,
      updatedAt: now,
    });
    const event = appendEvent(tx, {
      caseId: record.id,
      at: now,
      actor: deps.botUserId,
      kind: "war_room_created",
      payload: {
        channelId: room.channelId,
        channelName: room.channelName,
        private: room.isPrivate,
        ...(room.adopted ? { adopted: room.adopted } : {}),
      },
    });
    const invitees = new Set([
      record.createdBy,
      record.warRoomRequestedBy,
      record.ownerId,
      ...deps.config.adminUserIds,
      onCallFor(tx, deps, record.severity, now),
    ]);
    for (const userId of invitees) {
      if (userId && userId !== deps.botUserId) enqueueInvite(tx, updated, userId, now);
    }
    enqueueSummaryPost(tx, updated, now);
    enqueueTriagePost(tx, updated, now);
    enqueueCaseRefresh(tx, updated, event.seq, now, { topic: true });
  });
  deps.log.info({ caseId: record.humanId, channelId: room.channelId, adopted: room.adopted }, "war room created");
  deps.wakeScheduler();
}

/** A SEV1/SEV2 war room gets whoever holds the pager when it is created. */
function onCallFor(tx: Executor, deps: FlowDeps, severity: string, now: number): string | undefined {
  const s = parseSeverity(severity);
  if (!s || !needsWarRoomAtIntake(s)) return undefined;
  return onCallAt(tx, deps, now)?.primary;
}
