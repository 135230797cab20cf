import { changeStatus, statusChangeForm } from "../../../flows/cases/changeStatus.ts";
import { ACTION, CALLBACK, STATUS_BLOCK } from "../../ids.ts";
import { buildStatusModal } from "../../views/statusModal.ts";
import { readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

/** Move a case along its lifecycle, with a note. */
export const STATUS_FORM = {
  permission: "case.update",
  button: ACTION.changeStatus,
  command: { usage: "move [TS-2026-0042]", summary: "change a case's status (form)" },
  callbackId: CALLBACK.status,
  build: (_deps, record) => buildStatusModal(statusChangeForm(record)),
  submit: (deps, { userId, caseId, values }) => {
    changeStatus(deps, {
      userId,
      caseId,
      status: readText(values, STATUS_BLOCK.status),
      note: readText(values, STATUS_BLOCK.note),
    });
    return undefined;
  },
  fallbackBlock: STATUS_BLOCK.status,
} satisfies CaseForm;
