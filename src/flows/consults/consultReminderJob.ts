import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueCaseRefresh } from "../jobs/refreshCaseSummary.ts";
import { enqueueConsultReminder } from "../jobs/remindOverdueConsult.ts";
import type { ConsultOnCase } from "./loadConsultOnCase.ts";

const REMIND_EVERY_MS = 24 * 60 * 60_000;

/** After a reminder: the next one in 24 h, and a summary refresh that now shows the consult overdue. */
export function recordConsultReminded(deps: FlowDeps, { consult, record }: ConsultOnCase, reminder: number): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    enqueueConsultReminder(tx, consult, reminder + 1, now + REMIND_EVERY_MS, now);
    // A refresh with no timeline event: its version only has to differ from every event seq of the case.
    enqueueCaseRefresh(tx, record, consult.id * 1_000_000 + reminder, now);
  });
  deps.log.info({ caseId: record.humanId, consultId: consult.id, reminder }, "overdue consult reminded");
  deps.wakeScheduler();
}
