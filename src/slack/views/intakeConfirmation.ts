import type { CaseRow } from "../../../db/schema.ts";
import { categoryById } from "../../core/categories.ts";
import { parseSeverity } from "../../core/severity.ts";
import { warRoomAtIntake } from "../../core/warRoomPolicy.ts";
import { type ModalView, plain, section } from "./blocks.ts";
import { caseHeadline } from "./caseSummary.ts";

/** What the intake modal turns into once the case is recorded. */
export function buildIntakeConfirmation(record: CaseRow): ModalView {
  const category = categoryById(record.category);
  const severity = parseSeverity(record.severity);
  const warRoom = category && severity && warRoomAtIntake(category, severity);
  const next = warRoom
    ? "Its private war room is being created; you will be invited."
    : "It is posted in the triage channel; its thread there is the case conversation.";
  return {
    type: "modal" as const,
    title: plain("Case opened", 24),
    close: plain("Done", 24),
    blocks: [section(`*${caseHeadline(record)}* is recorded.\n${next}`)],
  };
}
