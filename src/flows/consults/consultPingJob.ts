import { z } from "zod";
import type { ConsultRow } from "../../../db/schema.ts";
import type { PostedMessage } from "../../core/postedMessage.ts";
import { JOB, JOB_PAYLOADS, type JobPayload } from "../../scheduler/jobKinds.ts";
import { addConsultRecipients, findConsultEvent, setConsultPing } from "../../store/consults.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueJob } from "../enqueueJob.ts";
import type { ConsultOnCase } from "./loadConsultOnCase.ts";

export const consultPingPayload = JOB_PAYLOADS[JOB.pingConsultTeam];
type ConsultPingPhase = JobPayload<typeof JOB.pingConsultTeam>["phase"];

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

/** Stored before the post, so whoever reads the ping can open the case the moment it arrives. */
export function recordConsultRecipients(deps: FlowDeps, consultId: number, recipients: readonly string[]): void {
  inTransaction(deps.db, (tx) => addConsultRecipients(tx, consultId, recipients));
}

/** Records the ping's first message (a retry then skips the post) and the timeline's `consult_sent`. */
export function recordConsultSent(
  deps: FlowDeps,
  { consult, team, record }: ConsultOnCase,
  sent: { via: "channel" | "dm"; recipients: string[]; messages: PostedMessage[] },
): void {
  const [first] = sent.messages;
  if (!first) return;
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    setConsultPing(tx, consult.id, { channelId: first.channel, ts: first.ts });
    appendEvent(tx, {
      caseId: record.id,
      at: now,
      actor: deps.botUserId,
      kind: "consult_sent",
      payload: { consultId: consult.id, team: team.key, ...sent },
    });
  });
  deps.log.info({ caseId: record.humanId, consultId: consult.id, recipients: sent.recipients.length }, "consult sent");
}

const consultSentPayload = z.object({ messages: z.array(z.object({ channel: z.string(), ts: z.string() })) });

/** The messages the team was pinged with, to mark them answered. */
export function consultPingMessages(tx: Executor, { consult, record }: ConsultOnCase): PostedMessage[] {
  const sent = findConsultEvent(tx, { caseId: record.id, kind: "consult_sent", field: "consultId", value: consult.id });
  return sent ? consultSentPayload.parse(sent).messages : [];
}
