import { closeCase, closeForm } from "../../../flows/cases/closeCase.ts";
import { ACTION, CALLBACK, CLOSE_BLOCK } from "../../ids.ts";
import { buildCloseModal } from "../../views/closeModal.ts";
import { readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

/** The close form, refused before it opens while consults or proposals are open. */
export const CLOSE_FORM = {
  permission: "case.update",
  button: ACTION.closeCase,
  command: { usage: "close [TS-2026-0042]", summary: "close a case: outcome and resolution summary (form)" },
  callbackId: CALLBACK.close,
  build: (deps, record) => buildCloseModal(closeForm(deps, record)),
  submit: (deps, { userId, viewId, caseId, values }) => {
    closeCase(deps, {
      userId,
      caseId,
      viewId,
      summary: readText(values, CLOSE_BLOCK.summary),
      outcome: readText(values, CLOSE_BLOCK.outcome),
    });
    return undefined;
  },
  fallbackBlock: CLOSE_BLOCK.summary,
} satisfies CaseForm;
