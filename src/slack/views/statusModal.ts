import { type CaseStatus, statusLabel } from "../../core/lifecycle.ts";
import { STATUS_NOTE_MAX, type StatusChangeForm } from "../../flows/cases/changeStatus.ts";
import { CALLBACK, STATUS_BLOCK } from "../ids.ts";
import { writeCaseMetadata } from "../listeners/caseMetadata.ts";
import { type ModalView, option, plain, section } from "./blocks.ts";
import { caseHeadline } from "./caseSummary.ts";
import { inputBlock, staticSelect, textInput } from "./inputs.ts";

const statusOption = (status: CaseStatus) => option(statusLabel(status), status);

/** The "Change status" form: only the moves the lifecycle allows from where the case is now. */
export function buildStatusModal(form: StatusChangeForm): ModalView {
  const { record, choices } = form;
  return {
    type: "modal" as const,
    callback_id: CALLBACK.status,
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
