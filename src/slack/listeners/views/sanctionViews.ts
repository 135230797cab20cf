import type { App } from "@slack/bolt";
import { z } from "zod";
import type { FlowDeps } from "../../../flows/deps.ts";
import { castVote } from "../../../flows/sanctions/castVote.ts";
import { proposeSanction } from "../../../flows/sanctions/proposeSanction.ts";
import { CALLBACK, PROPOSAL_BLOCK, VOTE_BLOCK } from "../../ids.ts";
import { readCaseMetadata } from "../caseMetadata.ts";
import { submit } from "./investigationViews.ts";
import { readOptions, readText, viewStateValues } from "./viewState.ts";

const voteMetadata = z.object({ proposalId: z.number().int().positive() });

export function registerSanctionViews(app: App, deps: FlowDeps): void {
  app.view(CALLBACK.proposal, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.proposal, viewId: view.id, userId: body.user.id };
    await ack(
      submit(deps, context, PROPOSAL_BLOCK.facts, () => {
        const state = viewStateValues.parse(view.state.values);
        proposeSanction(deps, {
          userId: body.user.id,
          caseId: readCaseMetadata(view.private_metadata).caseId,
          viewId: view.id,
          raw: {
            account: readText(state, PROPOSAL_BLOCK.account),
            rung: readText(state, PROPOSAL_BLOCK.rung),
            clauses: readOptions(state, PROPOSAL_BLOCK.clauses),
            facts: readText(state, PROPOSAL_BLOCK.facts),
            evidence: readOptions(state, PROPOSAL_BLOCK.evidence),
            flags: readOptions(state, PROPOSAL_BLOCK.flags),
          },
        });
      }),
    );
  });

  app.view(CALLBACK.vote, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.vote, viewId: view.id, userId: body.user.id };
    await ack(
      submit(deps, context, VOTE_BLOCK.choice, () => {
        const state = viewStateValues.parse(view.state.values);
        castVote(deps, {
          userId: body.user.id,
          proposalId: voteMetadata.parse(readCaseMetadata(view.private_metadata)).proposalId,
          viewId: view.id,
          choice: readText(state, VOTE_BLOCK.choice),
          rationale: readText(state, VOTE_BLOCK.rationale),
        });
      }),
    );
  });
}
