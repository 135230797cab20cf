import type { App } from "@slack/bolt";
import { closeCase } from "../../../flows/cases/closeCase.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { CALLBACK, CLOSE_BLOCK } from "../../ids.ts";
import { readCaseMetadata } from "../caseMetadata.ts";
import { submit } from "./investigationViews.ts";
import { readText, viewStateValues } from "./viewState.ts";

export function registerCloseViews(app: App, deps: FlowDeps): void {
  app.view(CALLBACK.close, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.close, viewId: view.id, userId: body.user.id };
    await ack(
      submit(deps, context, CLOSE_BLOCK.summary, () => {
        const state = viewStateValues.parse(view.state.values);
        closeCase(deps, {
          userId: body.user.id,
          caseId: readCaseMetadata(view.private_metadata).caseId,
          viewId: view.id,
          summary: readText(state, CLOSE_BLOCK.summary),
          outcome: readText(state, CLOSE_BLOCK.outcome),
        });
      }),
    );
  });
}
