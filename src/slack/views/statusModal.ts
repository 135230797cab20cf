import { type CaseStatus, statusLabel } from "../../core/lifecycle.ts";
import { STATUS_NOTE_MAX, type StatusChangeForm } from "../../flows/changeStatus.ts";
import { CALLBACK, INPUT_ACTION, STATUS_BLOCK } from "../ids.ts";
import { writeCaseMetadata } from "../listeners/caseMetadata.ts";
import { type Block, type ModalView, type Option, option, plain, section } from "./blocks.ts";
import { caseHeadline } from "./caseSummary.ts";

/** One input block around one element, whose action_id is always INPUT_ACTION. */
export function inputBlock(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  opts: { optional?: boolean; hint?: string } = {},
): Block {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label, 2000),
    optional: opts.optional ?? false,
    element: { action_id: INPUT_ACTION, ...element },
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
  };
}

export const textInput = (placeholder: string, maxLength: number, multiline = false) => ({
  type: "plain_text_input",
  placeholder: plain(placeholder, 150),
  max_length: maxLength,
  multiline,
});

export const staticSelect = (placeholder: string, options: Option[], initial?: Option) => ({
  type: "static_select",
  placeholder: plain(placeholder, 150),
  options,
  ...(initial ? { initial_option: initial } : {}),
});

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
      section(`*${caseHeadline(record)}*\nNow: *${statusLabel(record.status as CaseStatus)}*`),
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
