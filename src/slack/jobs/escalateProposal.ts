import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { escalateProposalJob } from "../../flows/jobs/escalateProposal.ts";
import { leadUserIds } from "../../flows/roles/leadUserIds.ts";
import { loadProposalMessage } from "../../flows/sanctions/loadProposalMessage.ts";
import { recordProposalEscalation } from "../../flows/sanctions/recordProposalEscalation.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildProposalEscalation } from "../views/proposalMessage.ts";
import { postInChannel } from "./postMessages.ts";

/**
 * Job, due 72 h after a proposal: if it is still open, the leads hear of it in the escalation channel
 * and the case records the escalation. A decided (or already escalated) proposal makes it a no-op.
 */
export async function escalateProposal(deps: SlackDeps, payload: PayloadOf<typeof escalateProposalJob>): Promise<void> {
  const { proposalId } = payload;
  const input = loadProposalMessage(deps.db, proposalId);
  if (input.proposal.status !== "open") return;
  const leads = leadUserIds(deps.db);
  const posted = await postInChannel(
    deps,
    deps.config.slack.escalationChannelId,
    buildProposalEscalation(input, leads),
  );
  recordProposalEscalation(deps, input, leads, posted);
  deps.log.info({ caseId: input.record.humanId, proposalId, leads: leads.length }, "sanction proposal escalated");
}
