import { inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";

/** Puts an invite Slack accepted on the case's timeline. */
export function recordMemberInvited(deps: FlowDeps, invite: { caseId: number; userId: string }): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) =>
    appendEvent(tx, {
      caseId: invite.caseId,
      at: now,
      actor: deps.botUserId,
      kind: "member_invited",
      payload: { userId: invite.userId },
    }),
  );
}
