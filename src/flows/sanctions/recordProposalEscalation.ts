import type { PostedMessage } from "../../core/postedMessage.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { settleProposal } from "../../store/sanctions.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import type { FlowDeps } from "../deps.ts";
import type { ProposalMessageInput } from "./loadProposalMessage.ts";

/** Marks the proposal escalated and records it on the case, unless a vote decided it meanwhile. */
export function recordProposalEscalation(
  deps: FlowDeps,
  input: ProposalMessageInput,
  leads: string[],
  posted: PostedMessage,
): void {
  const proposalId = input.proposal.id;
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    // A vote that decided it while the message was on its way leaves the decision as the last word.
    if (!settleProposal(tx, proposalId, { status: "escalated", decidedAt: null })) return;
    const record = getCase(tx, input.record.id) ?? input.record;
    recordCaseChange(tx, record, {
      actor: deps.botUserId,
      at: now,
      kind: "proposal_escalated",
      payload: { proposal: `P${input.proposal.seq}`, proposalId, leads, message: posted },
    });
  });
}
