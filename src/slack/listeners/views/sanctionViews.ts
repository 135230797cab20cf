import type { App } from "@slack/bolt";
import { z } from "zod";
import type { FlowDeps } from "../../../flows/deps.ts";
import { castVote, type VoteField } from "../../../flows/sanctions/castVote.ts";
import { CALLBACK, VOTE_BLOCK } from "../../ids.ts";
import { answerSubmission } from "../answerSubmission.ts";
import { readCaseMetadata } from "../caseMetadata.ts";
import { readText, viewStateValues } from "./viewState.ts";

const voteMetadata = z.object({ proposalId: z.number().int().positive() });
const voteBlocks = {
  fallback: VOTE_BLOCK.choice,
  byField: { choice: VOTE_BLOCK.choice, rationale: VOTE_BLOCK.rationale } satisfies Record<VoteField, string>,
};

/** The vote modal, opened on a proposal rather than a case. */
export function registerSanctionViews(app: App, deps: FlowDeps): void {
  app.view(CALLBACK.vote, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.vote, viewId: view.id, userId: body.user.id };
    await ack(
      await answerSubmission(deps, context, voteBlocks, () => {
        const state = viewStateValues.parse(view.state.values);
        castVote(deps, {
          userId: body.user.id,
          proposalId: voteMetadata.parse(readCaseMetadata(view.private_metadata)).proposalId,
          viewId: view.id,
          choice: readText(state, VOTE_BLOCK.choice),
          rationale: readText(state, VOTE_BLOCK.rationale),
        });
        return undefined;
      }),
    );
  });
}
