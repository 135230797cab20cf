import { z } from "zod";
import type { PostedMessage } from "../../core/postedMessage.ts";
import { addConsultRecipients, findConsultEvent, setConsultPing } from "../../store/consults.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";
import type { ConsultOnCase } from "./loadConsultOnCase.ts";

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
