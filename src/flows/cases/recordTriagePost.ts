import type { CaseRow } from "../../../db/schema.ts";
import { updateCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";
import { refreshIfChangedSince } from "./refreshIfChangedSince.ts";

/** Records the case's post in the triage channel, and refreshes it if the case changed while it was posted. */
export function recordTriagePost(deps: FlowDeps, record: CaseRow, ts: string, renderedSeq: number): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    const updated = updateCase(tx, record.id, { triageTs: ts, updatedAt: now });
    refreshIfChangedSince(tx, updated, renderedSeq, ts, now);
    appendEvent(tx, {
      caseId: record.id,
      at: now,
      actor: deps.botUserId,
      kind: "announced_in_triage",
      payload: { channelId: deps.config.slack.triageChannelId, ts },
    });
  });
}
