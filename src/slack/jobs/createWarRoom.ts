import { warRoomChannelName } from "../../core/caseId.ts";
import { categoryById } from "../../core/categories.ts";
import { loadJobCase } from "../../flows/cases/loadJobCase.ts";
import { recordWarRoomCreated } from "../../flows/warRooms/recordWarRoomCreated.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { findBotChannel } from "./findBotChannel.ts";

// Slack answers name_taken for archived channels too; after this many suffixes something else is wrong.
const MAX_NAME_ATTEMPTS = 20;

/**
 * Job: creates the case's channel, or adopts the one it made before a crash lost Slack's answer, then records it
 * (which queues invites, topic, summary and triage post).
 */
export async function createWarRoom(deps: SlackDeps, payload: unknown): Promise<void> {
  const record = loadJobCase(deps.db, payload);
  if (record.channelId) return;

  const category = categoryById(record.category);
  const slug = category?.id ?? "case";
  // Sensitive categories are private whatever the deployment's default.
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
  recordWarRoomCreated(deps, record, { channelId: channel.id, channelName: channel.name, isPrivate, adopted });
}
