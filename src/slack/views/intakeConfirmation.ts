import type { CaseRow } from "../../../db/schema.ts";
import { categoryById } from "../../core/categories.ts";
import { parseSeverity } from "../../core/severity.ts";
import { warRoomAtIntake } from "../../core/warRoomPolicy.ts";
import type { PartySnapshot } from "../../flows/cases/loadCaseSnapshot.ts";
import { type Block, type ModalView, plain, section } from "./blocks.ts";
import { accountHistoryLine, caseHeadline } from "./caseSummary.ts";

function accountHistory(parties: readonly PartySnapshot[]): Block[] {
  if (parties.length === 0) return [];
  return [section(`*Account history*\n${parties.map(accountHistoryLine).join("\n")}`)];
}

/** What the intake modal turns into once the case is recorded, with each party's prior cases. */
export function buildIntakeConfirmation(record: CaseRow, parties: readonly PartySnapshot[] = []): ModalView {
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
    blocks: [section(`*${caseHeadline(record)}* is recorded.\n${next}`), ...accountHistory(parties)],
  };
}
