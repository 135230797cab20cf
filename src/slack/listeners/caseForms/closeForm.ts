import type { CaseRow } from "../../../../db/schema.ts";
import { CLOSE_OUTCOMES, CLOSE_SUMMARY_MAX } from "../../../core/caseClose.ts";
import { closeCase, closeForm } from "../../../flows/cases/closeCase.ts";
import { type ModalView, option, plain, section } from "../../views/blocks.ts";
import { caseHeadline, caseStatusLabel } from "../../views/caseSummary.ts";
import { inputBlock, staticSelect, textInput } from "../../views/inputs.ts";
import { writeCaseMetadata } from "../caseMetadata.ts";
import { readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

const CALLBACK_ID = "case_close";

/** Block ids; each equals the field name its flow reports errors under. */
export const CLOSE_BLOCK = { summary: "summary", outcome: "outcome" } as const;

const OUTCOME_OPTIONS = Object.entries(CLOSE_OUTCOMES).map(([value, label]) => option(label, value));

/** The "Close case" form: how the case ended and a summary for the case record. */
export function buildCloseModal(record: CaseRow): ModalView {
  return {
    type: "modal" as const,
    callback_id: CALLBACK_ID,
    private_metadata: writeCaseMetadata(record),
    title: plain("Close case", 24),
    submit: plain("Close case", 24),
    close: plain("Cancel", 24),
    blocks: [
      section(`*${caseHeadline(record)}*\nNow: *${caseStatusLabel(record.status)}*`),
      inputBlock(CLOSE_BLOCK.outcome, "Outcome", staticSelect("How the case ended", OUTCOME_OPTIONS)),
      inputBlock(
        CLOSE_BLOCK.summary,
        "Resolution summary",
        textInput("What was found and done, for the case record", CLOSE_SUMMARY_MAX, true),
        { hint: "Kept in the case record; the triage channel sees only the outcome and counts." },
      ),
    ],
  };
}

/** The close form, refused before it opens while consults or proposals are open. */
export const CLOSE_FORM = {
  permission: "case.update",
  button: { label: "Close case", actionId: "close_case", style: "danger" },
  command: { usage: "close [TS-2026-0042]", summary: "close a case: outcome and resolution summary (form)" },
  callbackId: CALLBACK_ID,
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
