import type { CaseRow } from "../../../db/schema.ts";
import { CLOSE_OUTCOMES, CLOSE_SUMMARY_MAX } from "../../core/caseClose.ts";
import { CALLBACK, CLOSE_BLOCK } from "../ids.ts";
import { writeCaseMetadata } from "../listeners/caseMetadata.ts";
import { type ModalView, option, plain, section } from "./blocks.ts";
import { caseHeadline, caseStatusLabel } from "./caseSummary.ts";
import { inputBlock, staticSelect, textInput } from "./inputs.ts";

const OUTCOME_OPTIONS = Object.entries(CLOSE_OUTCOMES).map(([value, label]) => option(label, value));

/** The "Close case" form: how the case ended and a summary for the case record. */
export function buildCloseModal(record: CaseRow): ModalView {
  return {
    type: "modal" as const,
    callback_id: CALLBACK.close,
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
