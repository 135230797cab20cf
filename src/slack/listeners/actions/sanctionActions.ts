import type { App, BlockButtonAction } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { proposalToVote } from "../../../flows/sanctions/castVote.ts";
import { loadProposalMessage } from "../../../flows/sanctions/loadProposalMessage.ts";
import { proposalForm } from "../../../flows/sanctions/proposeSanction.ts";
import { toUserMessage } from "../../errors.ts";
import { ACTION } from "../../ids.ts";
import { errorReply } from "../../views/commandReplies.ts";
import { buildProposalModal } from "../../views/proposalModal.ts";
import { buildVoteModal } from "../../views/voteModal.ts";
import { type CaseForm, registerCaseFormButton } from "./investigationActions.ts";

export const PROPOSAL_FORM: CaseForm = {
  permission: "sanction.propose",
  build: (deps, record) => buildProposalModal(proposalForm(deps, record)),
};

/** "Propose sanction" on the case summary; "Vote" on a proposal message (its value is the proposal id). */
export function registerSanctionActions(app: App, deps: FlowDeps): void {
  registerCaseFormButton(app, deps, ACTION.proposeSanction, PROPOSAL_FORM);
  app.action<BlockButtonAction>(ACTION.vote, async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      const { proposal } = proposalToVote(deps.db, body.user.id, Number.parseInt(action.value ?? "", 10));
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildVoteModal(loadProposalMessage(deps.db, proposal.id)),
      });
    } catch (error) {
      await respond({
        ...errorReply(toUserMessage(error, deps.log, { actionId: ACTION.vote, userId: body.user.id })),
        replace_original: false,
      });
    }
  });
}
