import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { proposalToVote } from "../../../flows/sanctions/castVote.ts";
import { loadProposalMessage } from "../../../flows/sanctions/loadProposalMessage.ts";
import { ACTION } from "../../ids.ts";
import { buildVoteModal } from "../../views/voteModal.ts";
import { openModalFromButton } from "../openModalFromButton.ts";

/** "Vote" on a proposal message (its value is the proposal id). */
export function registerSanctionActions(app: App, deps: FlowDeps): void {
  openModalFromButton(app, deps, ACTION.vote, (userId, value) => {
    const { proposal } = proposalToVote(deps.db, userId, Number.parseInt(value, 10));
    return buildVoteModal(loadProposalMessage(deps.db, proposal.id));
  });
}
