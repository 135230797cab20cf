import type { App } from "@slack/bolt";
import { changeStatus } from "../../../flows/cases/changeStatus.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { logMediation } from "../../../flows/mediation/logMediation.ts";
import { type SubmissionErrors, toSubmissionErrors } from "../../errors.ts";
import { CALLBACK, MEDIATION_BLOCK, STATUS_BLOCK } from "../../ids.ts";
import { readCaseMetadata } from "../caseMetadata.ts";
import { readText, viewStateValues } from "./viewState.ts";

/**
 * Runs a submission and answers Slack: nothing (the form closes) on success, field errors keyed by
 * block id, and any other failure shown on `fallbackBlock` so the form stays open with what was typed.
 */
export function submit(
  deps: FlowDeps,
  context: { callbackId: string; viewId: string; userId: string },
  fallbackBlock: string,
  work: () => void,
): SubmissionErrors | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return toSubmissionErrors(error, fallbackBlock, deps.log, context);
  }
}

export function registerInvestigationViews(app: App, deps: FlowDeps): void {
  app.view(CALLBACK.status, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.status, viewId: view.id, userId: body.user.id };
    await ack(
      submit(deps, context, STATUS_BLOCK.status, () => {
        const state = viewStateValues.parse(view.state.values);
        changeStatus(deps, {
          userId: body.user.id,
          caseId: readCaseMetadata(view.private_metadata).caseId,
          status: readText(state, STATUS_BLOCK.status),
          note: readText(state, STATUS_BLOCK.note),
        });
      }),
    );
  });

  app.view(CALLBACK.mediation, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.mediation, viewId: view.id, userId: body.user.id };
    await ack(
      submit(deps, context, MEDIATION_BLOCK.party, () => {
        const state = viewStateValues.parse(view.state.values);
        const field = (blockId: string) => readText(state, blockId);
        logMediation(deps, {
          userId: body.user.id,
          caseId: readCaseMetadata(view.private_metadata).caseId,
          viewId: view.id,
          raw: {
            party: field(MEDIATION_BLOCK.party),
            channel: field(MEDIATION_BLOCK.channel),
            summary: field(MEDIATION_BLOCK.summary),
            offer: field(MEDIATION_BLOCK.offer),
            amount: field(MEDIATION_BLOCK.amount),
            currency: field(MEDIATION_BLOCK.currency),
            outcome: field(MEDIATION_BLOCK.outcome),
          },
        });
      }),
    );
  });
}
