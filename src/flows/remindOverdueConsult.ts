import { z } from "zod";
import type { ConsultRow } from "../../db/schema.ts";
import { isOpenStatus } from "../core/lifecycle.ts";
import { JOB } from "../scheduler/jobKinds.ts";
import { buildConsultRoomReminder, buildConsultTeamReminder } from "../slack/views/consultMessages.ts";
import { recipientsOfConsult } from "../store/consults.ts";
import { type Executor, inTransaction } from "../store/database.ts";
import { enqueueJob } from "../store/jobs.ts";
import { enqueueCaseRefresh } from "./caseJobs.ts";
import type { FlowDeps } from "./deps.ts";
import { loadConsultOnCase, messageInput, teamTarget } from "./pingConsultTeam.ts";
import { postInChannel, postToCaseRoom, postToEach } from "./postMessages.ts";

const REMIND_EVERY_MS = 24 * 60 * 60_000;

/** `reminder` counts from 1 (the one at the due time); each has its own idempotency key. */
const consultReminderPayload = z.object({
  consultId: z.number().int().positive(),
  reminder: z.number().int().positive(),
});

export function enqueueConsultReminder(
  tx: Executor,
  consult: ConsultRow,
  reminder: number,
  runAt: number,
  now: number,
): void {
  enqueueJob(
    tx,
    {
      kind: JOB.remindOverdueConsult,
      caseId: consult.caseId,
      payload: { consultId: consult.id, reminder },
      key: `${JOB.remindOverdueConsult}:${consult.id}:${reminder}`,
      runAt,
    },
    now,
  );
}

/**
 * Job, at the due time and every 24 h after while the consult is open: reminds the team (same
 * target as the ping) and the requester in the case's room, and re-renders the summary, which now
 * shows the consult overdue.
 */
export async function remindOverdueConsult(deps: FlowDeps, payload: unknown): Promise<void> {
  const { consultId, reminder } = consultReminderPayload.parse(payload);
  const loaded = loadConsultOnCase(deps.db, consultId);
  const { consult, record } = loaded;
  if (consult.status !== "open" || !isOpenStatus(record.status)) return;

  const target = teamTarget(loaded.team);
  const toTeam = buildConsultTeamReminder(messageInput(loaded));
  if ("channelId" in target) await postInChannel(deps, target.channelId, toTeam);
  else await postToEach(deps, recipientsOfConsult(deps.db, consult.id), toTeam);
  await postToCaseRoom(deps, record, buildConsultRoomReminder(messageInput(loaded)));

  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    enqueueConsultReminder(tx, consult, reminder + 1, now + REMIND_EVERY_MS, now);
    // A refresh with no timeline event: its version only has to differ from every event seq of the case.
    enqueueCaseRefresh(tx, record, consult.id * 1_000_000 + reminder, now);
  });
  deps.log.info({ caseId: record.humanId, consultId, reminder }, "overdue consult reminded");
  deps.wakeScheduler();
}
