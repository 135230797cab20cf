import { consultTeamsFor } from "../../../flows/consults/configureConsultTeam.ts";
import { requestConsult } from "../../../flows/consults/requestConsult.ts";
import { ACTION, CALLBACK, CONSULT_BLOCK } from "../../ids.ts";
import { buildConsultModal } from "../../views/consultModal.ts";
import { readInput, readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

/** Ask a team (Legal, Payments, Product…) a question about the case, with a due time. */
export const CONSULT_FORM = {
  permission: "consult.request",
  button: ACTION.requestConsult,
  callbackId: CALLBACK.consult,
  build: (deps, record, userId) => buildConsultModal(record, consultTeamsFor(deps, userId)),
  submit: (deps, { userId, viewId, caseId, values }) => {
    const due = readInput(values, CONSULT_BLOCK.due);
    requestConsult(deps, {
      userId,
      viewId,
      caseId,
      teamKey: readText(values, CONSULT_BLOCK.team),
      question: readText(values, CONSULT_BLOCK.question),
      // The datetimepicker answers in epoch seconds.
      dueAt: typeof due === "number" ? due * 1000 : null,
    });
    return undefined;
  },
  fallbackBlock: CONSULT_BLOCK.question,
} satisfies CaseForm;
