import type { App } from "@slack/bolt";
import { z } from "zod";
import { ANSWER_FIELD, answerConsult } from "../../../flows/consults/answerConsult.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { CALLBACK, CONSULT_ANSWER_BLOCK } from "../../ids.ts";
import { answerSubmission } from "../answerSubmission.ts";
import { readCaseMetadata } from "../caseMetadata.ts";
import { readText, viewStateValues } from "./viewState.ts";

const answerMetadata = z.object({ consultId: z.number().int().positive() });
const answerBlocks = {
  fallback: CONSULT_ANSWER_BLOCK.answer,
  byField: { [ANSWER_FIELD]: CONSULT_ANSWER_BLOCK.answer },
};

/** The consult answer modal, opened on a consult rather than a case; it closes on success. */
export function registerConsultViews(app: App, deps: FlowDeps): void {
  app.view(CALLBACK.consultAnswer, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.consultAnswer, viewId: view.id, userId: body.user.id };
    await ack(
      await answerSubmission(deps, context, answerBlocks, () => {
        const values = viewStateValues.parse(view.state.values);
        answerConsult(deps, {
          userId: body.user.id,
          consultId: answerMetadata.parse(readCaseMetadata(view.private_metadata)).consultId,
          answer: readText(values, CONSULT_ANSWER_BLOCK.answer),
        });
        return undefined;
      }),
    );
  });
}
