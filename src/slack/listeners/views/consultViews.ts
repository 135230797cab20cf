import type { App } from "@slack/bolt";
import { z } from "zod";
import { answerConsult } from "../../../flows/consults/answerConsult.ts";
import { requestConsult } from "../../../flows/consults/requestConsult.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { toSubmissionErrors } from "../../errors.ts";
import { CALLBACK, CONSULT_BLOCK } from "../../ids.ts";
import { readCaseMetadata } from "../caseMetadata.ts";
import { readInput, readText, type ViewStateValues, viewStateValues } from "./viewState.ts";

const answerMetadata = z.object({ consultId: z.number().int().positive() });

interface Submission {
  userId: string;
  viewId: string;
  metadata: string;
}

/** Submissions of the consult modal and the answer modal; both close on success. */
export function registerConsultViews(app: App, deps: FlowDeps): void {
  const onSubmit = (
    callbackId: string,
    otherErrorsOn: string,
    submit: (values: ViewStateValues, submission: Submission) => void,
  ) =>
    app.view(callbackId, async ({ ack, body, view }) => {
      const userId = body.user.id;
      try {
        submit(viewStateValues.parse(view.state.values), { userId, viewId: view.id, metadata: view.private_metadata });
        await ack();
      } catch (error) {
        // Anything that is not about one field is shown on the main text field: the form stays open.
        await ack(toSubmissionErrors(error, otherErrorsOn, deps.log, { callbackId, viewId: view.id, userId }));
      }
    });

  onSubmit(CALLBACK.consult, CONSULT_BLOCK.question, (values, { userId, viewId, metadata }) => {
    const due = readInput(values, CONSULT_BLOCK.due);
    requestConsult(deps, {
      userId,
      viewId,
      caseId: readCaseMetadata(metadata).caseId,
      teamKey: readText(values, CONSULT_BLOCK.team),
      question: readText(values, CONSULT_BLOCK.question),
      // The datetimepicker answers in epoch seconds.
      dueAt: typeof due === "number" ? due * 1000 : null,
    });
  });

  onSubmit(CALLBACK.consultAnswer, CONSULT_BLOCK.answer, (values, { userId, metadata }) => {
    answerConsult(deps, {
      userId,
      consultId: answerMetadata.parse(readCaseMetadata(metadata)).consultId,
      answer: readText(values, CONSULT_BLOCK.answer),
    });
  });
}
