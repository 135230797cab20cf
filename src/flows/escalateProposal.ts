import { z } from "zod";
import { buildProposalEscalation } from "../slack/views/proposalMessage.ts";
import { getCase } from "../store/cases.ts";
import { inTransaction } from "../store/database.ts";
import { allRoles } from "../store/roles.ts";
import { settleProposal } from "../store/sanctions.ts";
import { recordCaseChange } from "./caseChange.ts";
import type { FlowDeps } from "./deps.ts";
import { postInChannel } from "./postMessages.ts";
import { loadProposalMessage } from "./postProposal.ts";

const escalationPayload = z.object({ proposalId: z.number().int().positive() });

/**
 * Job, due 72 h after a proposal: if it is still open, the leads hear of it in the escalation channel
 * and the case records the escalation. A decided (or already escalated) proposal makes it a no-op.
 */
export async function escalateProposal(deps: FlowDeps, payload: unknown): Promise<void> {
  const { proposalId } = escalationPayload.parse(payload);
  const input = loadProposalMessage(deps.db, proposalId);
  if (input.proposal.status !== "open") return;
  const leads = allRoles(deps.db)
    .filter((r) => r.role === "lead")
    .map((r) => r.userId);
  const channel = deps.config.slack.escalationChannelId;
  const posted = await postInChannel(deps, channel, buildProposalEscalation(input, leads));
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
  deps.log.info({ caseId: input.record.humanId, proposalId, leads: leads.length }, "sanction proposal escalated");
}
