import { z } from "zod";
import type { CaseRow, ConsultRow, ConsultTeamRow } from "../../db/schema.ts";
import { fail } from "../core/domainError.ts";
import { JOB } from "../scheduler/jobKinds.ts";
import { slackErrorCode } from "../scheduler/slackFailure.ts";
import {
  buildConsultAnswerNote,
  buildConsultPing,
  buildConsultPingAnswered,
  buildConsultSentNote,
  type ConsultMessageInput,
  consultDestination,
} from "../slack/views/consultMessages.ts";
import { getCase } from "../store/cases.ts";
import {
  addConsultRecipients,
  findConsultEvent,
  getConsult,
  getConsultTeam,
  recipientsOfConsult,
  setConsultPing,
} from "../store/consults.ts";
import { type Executor, inTransaction } from "../store/database.ts";
import { appendEvent } from "../store/events.ts";
import { enqueueJob } from "../store/jobs.ts";
import type { FlowDeps } from "./deps.ts";
import { postInChannel, postToCaseRoom, postToEach } from "./postMessages.ts";

/** `ping` reaches the team; `answered` takes the answer back to the case's room. */
const consultPingPayload = z.object({
  consultId: z.number().int().positive(),
  phase: z.enum(["ping", "answered"]).default("ping"),
});
type ConsultPingPhase = z.infer<typeof consultPingPayload>["phase"];

const IDEMPOTENCY_PREFIX: Record<ConsultPingPhase, string> = {
  ping: JOB.pingConsultTeam,
  answered: "consult.answered",
};

export function enqueueConsultPing(tx: Executor, consult: ConsultRow, phase: ConsultPingPhase, now: number): void {
  enqueueJob(
    tx,
    {
      kind: JOB.pingConsultTeam,
      caseId: consult.caseId,
      payload: { consultId: consult.id, phase },
      key: `${IDEMPOTENCY_PREFIX[phase]}:${consult.id}`,
      runAt: now,
    },
    now,
  );
}

/** A consult with its team and case, as every consult side effect needs them. */
export interface ConsultOnCase {
  consult: ConsultRow;
  team: ConsultTeamRow;
  record: CaseRow;
}

export function loadConsultOnCase(tx: Executor, consultId: number): ConsultOnCase {
  const consult = getConsult(tx, consultId) ?? fail("not_found", `consult ${consultId} does not exist`);
  const team = getConsultTeam(tx, consult.teamId) ?? fail("not_found", `consult team ${consult.teamId} does not exist`);
  const record = getCase(tx, consult.caseId) ?? fail("not_found", `case ${consult.caseId} does not exist`);
  return { consult, team, record };
}

export const messageInput = ({ consult, team, record }: ConsultOnCase): ConsultMessageInput => ({
  consult,
  record,
  teamName: team.name,
});

type TeamTarget = { channelId: string } | { usergroupId: string };

export function teamTarget(team: ConsultTeamRow): TeamTarget {
  if (team.slackChannelId) return { channelId: team.slackChannelId };
  if (team.slackUsergroupId) return { usergroupId: team.slackUsergroupId };
  return fail("conflict", `${team.name} has no Slack group or channel; set one with /incident team ${team.key}`);
}

async function channelMembers(deps: FlowDeps, channel: string): Promise<string[]> {
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
async function resolveRecipients(deps: FlowDeps, target: TeamTarget): Promise<string[]> {
  const users =
    "channelId" in target
      ? await channelMembers(deps, target.channelId)
      : ((await deps.slack.usergroups.users.list({ usergroup: target.usergroupId })).users ?? []);
  return [...new Set(users)].filter((u) => u !== deps.botUserId);
}

const consultSentPayload = z.object({ messages: z.array(z.object({ channel: z.string(), ts: z.string() })) });

/**
 * Job: sends the consult to its team (once: a retry after the post finds ping_ts set), records who
 * received it, and tells the case's room. Its `answered` phase takes the answer back.
 */
export async function pingConsultTeam(deps: FlowDeps, payload: unknown): Promise<void> {
  const { consultId, phase } = consultPingPayload.parse(payload);
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
    "channelId" in target ? target : { dmCount: recipientsOfConsult(deps.db, consultId).length },
  );
  await postToCaseRoom(deps, loaded.record, buildConsultSentNote({ ...messageInput(loaded), destination }));
}

async function pingTeam(deps: FlowDeps, loaded: ConsultOnCase, target: TeamTarget): Promise<void> {
  const { consult, team, record } = loaded;
  const recipients = await resolveRecipients(deps, target);
  if ("usergroupId" in target && recipients.length === 0) {
    fail("conflict", `${team.name}'s Slack user group has no members to ask`);
  }
  // Stored before the post, so whoever reads the ping can open the case the moment it arrives.
  inTransaction(deps.db, (tx) => addConsultRecipients(tx, consult.id, recipients));
  const message = buildConsultPing(messageInput(loaded));
  const posted =
    "channelId" in target
      ? [await postInChannel(deps, target.channelId, message)]
      : await postToEach(deps, recipients, message);
  const [first] = posted;
  if (!first) return;
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    setConsultPing(tx, consult.id, { channelId: first.channel, ts: first.ts });
    appendEvent(tx, {
      caseId: record.id,
      at: now,
      actor: deps.botUserId,
      kind: "consult_sent",
      payload: {
        consultId: consult.id,
        team: team.key,
        via: "channelId" in target ? "channel" : "dm",
        recipients,
        messages: posted,
      },
    });
  });
  deps.log.info({ caseId: record.humanId, consultId: consult.id, recipients: recipients.length }, "consult sent");
}

// The ping is gone or can no longer change; the answer still reaches the case's room.
const PING_GONE = new Set(["message_not_found", "channel_not_found", "is_inactive", "cant_update_message"]);

async function deliverAnswer(deps: FlowDeps, loaded: ConsultOnCase): Promise<void> {
  const { consult, record } = loaded;
  const sent = findConsultEvent(deps.db, {
    caseId: record.id,
    kind: "consult_sent",
    field: "consultId",
    value: consult.id,
  });
  const { messages } = sent ? consultSentPayload.parse(sent) : { messages: [] };
  const answered = buildConsultPingAnswered(messageInput(loaded));
  for (const { channel, ts } of messages) {
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
