import { warRoomChannelName } from "../../core/caseId.ts";
import { categoryById } from "../../core/categories.ts";
import { needsWarRoomAtIntake, parseSeverity } from "../../core/severity.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import { updateCase } from "../../store/cases.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import { loadJobCase } from "../cases/loadJobCase.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueTriagePost } from "../jobs/announceCase.ts";
import { enqueueInvite } from "../jobs/inviteToWarRoom.ts";
import { enqueueSummaryPost } from "../jobs/postCaseSummary.ts";
import { enqueueCaseRefresh } from "../jobs/refreshCaseSummary.ts";
import { onCallAt } from "../onCall/onCallRoster.ts";
import { findBotChannel } from "./findBotChannel.ts";

// Slack answers name_taken for archived channels too; after this many suffixes something else is wrong.
const MAX_NAME_ATTEMPTS = 20;

/**
 * Job: creates the case's channel, or adopts the one it made before a crash lost Slack's answer, then queues
 * invites, topic, summary and triage post.
 */
export async function createWarRoom(deps: FlowDeps, payload: unknown): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (record.channelId) return;

  const category = categoryById(record.category);
  const slug = category?.id ?? "case";
  // Sensitive categories are private whatever the deployment's default (DESIGN §3).
  const isPrivate = deps.config.slack.warRoomsPrivate || category?.sensitive !== false;
  let channel: { id: string; name: string } | undefined;
  let adopted = false;
  for (let attempt = 1; !channel; attempt++) {
    const name = warRoomChannelName(record.year, record.seq, slug, attempt);
    try {
      const created = await deps.slack.conversations.create({ name, is_private: isPrivate });
      channel = { id: String(created.channel?.id), name: String(created.channel?.name ?? name) };
    } catch (error) {
      if (slackErrorCode(error) !== "name_taken" || attempt >= MAX_NAME_ATTEMPTS) throw error;
      // Names are the case's own: one the bot made is this room, created before a crash lost Slack's answer.
      channel = await findBotChannel(deps, name);
      adopted = channel !== undefined;
    }
  }

  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const updated = updateCase(tx, record.id, { channelId: channel.id, channelName: channel.name, updatedAt: now });
    const event = appendEvent(tx, {
      caseId: record.id,
      at: now,
      actor: deps.botUserId,
      kind: "war_room_created",
      payload: {
        channelId: channel.id,
        channelName: channel.name,
        private: isPrivate,
        ...(adopted ? { adopted } : {}),
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
  deps.log.info({ caseId: record.humanId, channelId: channel.id, adopted }, "war room created");
  deps.wakeScheduler();
}

/** DESIGN §5: a SEV1/SEV2 war room gets whoever holds the pager when it is created. */
function onCallFor(tx: Executor, deps: FlowDeps, severity: string, now: number): string | undefined {
  const s = parseSeverity(severity);
  if (!s || !needsWarRoomAtIntake(s)) return undefined;
  return onCallAt(tx, deps, now)?.primary;
}
