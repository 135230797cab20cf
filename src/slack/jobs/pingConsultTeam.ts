import { fail } from "../../core/domainError.ts";
import {
  consultPingMessages,
  recordConsultRecipients,
  recordConsultSent,
} from "../../flows/consults/consultPingJob.ts";
import {
  type ConsultOnCase,
  consultRecipients,
  loadConsultOnCase,
  type TeamTarget,
  teamTarget,
} from "../../flows/consults/loadConsultOnCase.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { pingConsultTeamJob } from "../../flows/jobs/pingConsultTeam.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import type { SlackDeps } from "../slackDeps.ts";
import {
  buildConsultAnswerNote,
  buildConsultPing,
  buildConsultPingAnswered,
  buildConsultSentNote,
  type ConsultMessageInput,
  consultDestination,
} from "../views/consultMessages.ts";
import { postInChannel, postToCaseRoom, postToEach } from "./postMessages.ts";

export const messageInput = ({ consult, team, record }: ConsultOnCase): ConsultMessageInput => ({
  consult,
  record,
  teamName: team.name,
});

async function channelMembers(deps: SlackDeps, channel: string): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.slack.conversations.members({ channel, limit: 200, ...(cursor ? { cursor } : {}) });
    members.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}

/** The people a consult reaches: the user group's members, or the channel's. */
async function resolveRecipients(deps: SlackDeps, target: TeamTarget): Promise<string[]> {
  const users =
    "channelId" in target
      ? await channelMembers(deps, target.channelId)
      : ((await deps.slack.usergroups.users.list({ usergroup: target.usergroupId })).users ?? []);
  return [...new Set(users)].filter((u) => u !== deps.botUserId);
}

/**
 * Job: sends the consult to its team (once: a retry after the post finds ping_ts set), records who
 * received it, and tells the case's room. Its `answered` phase takes the answer back.
 */
export async function pingConsultTeam(deps: SlackDeps, payload: PayloadOf<typeof pingConsultTeamJob>): Promise<void> {
  const { consultId, phase } = payload;
  const loaded = loadConsultOnCase(deps.db, consultId);
  if (phase === "answered") {
    await deliverAnswer(deps, loaded);
    return;
  }
  // Answered or cancelled before Slack was reached: there is nothing left to ask.
  if (loaded.consult.status !== "open") return;
  const target = teamTarget(loaded.team);
  if (!loaded.consult.pingTs) await pingTeam(deps, loaded, target);
  const destination = consultDestination(
    "channelId" in target ? target : { dmCount: consultRecipients(deps.db, consultId).length },
  );
  await postToCaseRoom(deps, loaded.record, buildConsultSentNote({ ...messageInput(loaded), destination }));
}

async function pingTeam(deps: SlackDeps, loaded: ConsultOnCase, target: TeamTarget): Promise<void> {
  const recipients = await resolveRecipients(deps, target);
  if ("usergroupId" in target && recipients.length === 0) {
    fail("conflict", `${loaded.team.name}'s Slack user group has no members to ask`);
  }
  recordConsultRecipients(deps, loaded.consult.id, recipients);
  const message = buildConsultPing(messageInput(loaded));
  const messages =
    "channelId" in target
      ? [await postInChannel(deps, target.channelId, message)]
      : await postToEach(deps, recipients, message);
  recordConsultSent(deps, loaded, { via: "channelId" in target ? "channel" : "dm", recipients, messages });
}

// The ping is gone or can no longer change; the answer still reaches the case's room.
const PING_GONE = new Set(["message_not_found", "channel_not_found", "is_inactive", "cant_update_message"]);

async function deliverAnswer(deps: SlackDeps, loaded: ConsultOnCase): Promise<void> {
  const { consult, record } = loaded;
  const answered = buildConsultPingAnswered(messageInput(loaded));
  for (const { channel, ts } of consultPingMessages(deps.db, loaded)) {
    await deps.slack.chat.update({ channel, ts, ...answered }).catch((error: unknown) => {
      const code = slackErrorCode(error);
      if (!code || !PING_GONE.has(code)) throw error;
      deps.log.warn(
        { caseId: record.humanId, consultId: consult.id, channel, error: code },
        "consult ping not updated",
      );
    });
  }
  await postToCaseRoom(deps, record, buildConsultAnswerNote(messageInput(loaded)));
}
