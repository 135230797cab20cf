import type { CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { sentence, user } from "../../core/domainText.ts";
import { isAllowed } from "../../core/permissions.ts";
import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueInvite } from "../jobs/inviteToWarRoom.ts";
import { userRole } from "../roles/access.ts";
import { recordCaseChange } from "./caseChange.ts";
import { caseFromCommand } from "./caseForAction.ts";

export interface AssignCaseInput {
  actor: string;
  assignee: string;
  /** The case id as typed, or undefined in the case's war room. */
  idText: string | undefined;
  channelId: string;
}

export interface AssignCaseResult {
  record: CaseRow;
  previousOwner: string | null;
}

/** Makes someone who may work cases the owner, and invites them to the war room if there is one. */
export function assignCase(deps: FlowDeps, input: AssignCaseInput): AssignCaseResult {
  const now = deps.clock.now();
  const result = inTransaction(deps.db, (tx): AssignCaseResult => {
    const record = caseFromCommand(
      deps,
      { userId: input.actor, idText: input.idText, channelId: input.channelId },
      "case.update",
    );
    if (!isAllowed(userRole(tx, input.assignee), "case.update")) {
      fail(
        "invalid_input",
        sentence`${user(input.assignee)} cannot own cases: only a specialist, lead or admin can. A lead can give them a role with \`/incident role\`.`,
      );
    }
    if (record.ownerId === input.assignee)
      fail("conflict", sentence`${user(input.assignee)} already owns ${record.humanId}.`);
    const updated = recordCaseChange(tx, record, {
      actor: input.actor,
      at: now,
      kind: "owner_assigned",
      payload: { from: record.ownerId, to: input.assignee },
      set: { ownerId: input.assignee },
    });
    if (updated.channelId) enqueueInvite(tx, updated, input.assignee, now);
    return { record: updated, previousOwner: record.ownerId };
  });
  deps.wakeScheduler();
  return result;
}
