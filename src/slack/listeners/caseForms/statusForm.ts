import { type CaseStatus, statusLabel } from "../../../core/lifecycle.ts";
import {
  changeStatus,
  STATUS_NOTE_MAX,
  type StatusChangeForm,
  statusChangeForm,
} from "../../../flows/cases/changeStatus.ts";
import { type ModalView, option, plain, section } from "../../views/blocks.ts";
import { caseHeadline } from "../../views/caseSummary.ts";
import { inputBlock, staticSelect, textInput } from "../../views/inputs.ts";
import { writeCaseMetadata } from "../caseMetadata.ts";
import { readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

const CALLBACK_ID = "case_status";

/** Block ids; each equals the field name its flow reports errors under. */
export const STATUS_BLOCK = { status: "status", note: "note" } as const;

const statusOption = (status: CaseStatus) => option(statusLabel(status), status);

/** The "Change status" form: only the moves the lifecycle allows from where the case is now. */
export function buildStatusModal(form: StatusChangeForm): ModalView {
  const { record, choices } = form;
  return {
    type: "modal" as const,
    callback_id: CALLBACK_ID,
    private_metadata: writeCaseMetadata(record),
    title: plain("Change status", 24),
    submit: plain("Change", 24),
    close: plain("Cancel", 24),
    blocks: [
      section(`*${caseHeadline(record)}*\nNow: *${statusLabel(record.status)}*`),
      inputBlock(
        STATUS_BLOCK.status,
        "New status",
        staticSelect("Where the case goes next", choices.map(statusOption)),
        {
          hint: "Waiting states pause the SLA clock.",
        },
      ),
      inputBlock(STATUS_BLOCK.note, "Note", textInput("Why, for the case record", STATUS_NOTE_MAX, true), {
        optional: true,
      }),
    ],
  };
}

/** Move a case along its lifecycle, with a note. */
export const STATUS_FORM = {
  permission: "case.update",
  button: { label: "Change status", actionId: "change_status" },
  command: { usage: "move [TS-2026-0042]", summary: "change a case's status (form)" },
  callbackId: CALLBACK_ID,
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
