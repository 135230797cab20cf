import type { App } from "@slack/bolt";
import { z } from "zod";
import { answerConsult } from "../../../flows/consults/answerConsult.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { CALLBACK, CONSULT_BLOCK } from "../../ids.ts";
import { answerSubmission } from "../answerSubmission.ts";
import { readCaseMetadata } from "../caseMetadata.ts";
import { readText, viewStateValues } from "./viewState.ts";

const answerMetadata = z.object({ consultId: z.number().int().positive() });

/** The consult answer modal, opened on a consult rather than a case; it closes on success. */
export function registerConsultViews(app: App, deps: FlowDeps): void {
  app.view(CALLBACK.consultAnswer, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.consultAnswer, viewId: view.id, userId: body.user.id };
    await ack(
      await answerSubmission(deps, context, CONSULT_BLOCK.answer, () => {
        const values = viewStateValues.parse(view.state.values);
        answerConsult(deps, {
          userId: body.user.id,
          consultId: answerMetadata.parse(readCaseMetadata(view.private_metadata)).consultId,
          answer: readText(values, CONSULT_BLOCK.answer),
        });
        return undefined;
      }),
    );
  });
}
