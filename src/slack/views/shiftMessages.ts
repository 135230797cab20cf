import type { CaseRow } from "../../../db/schema.ts";
import { formatLocal } from "../../core/localTime.ts";
import type { OffDayShift } from "../../core/onCall.ts";
import { COMMAND } from "../ids.ts";
import type { MessageContent } from "./blocks.ts";
import { type Block, capBlocks, context, LIMITS, section } from "./blocks.ts";
import { holidayName } from "./calendarReplies.ts";
import { caseLine } from "./commandReplies.ts";
import { slackDate } from "./mrkdwn.ts";

export interface ShiftReminderInput {
  shift: OffDayShift;
  timeZone: string;
  /** The open SEV1/SEV2 cases to list (already bounded), and how many are open in all. */
  cases: readonly CaseRow[];
  total: number;
}

/** The DM before a weekend or holiday shift: when it starts, what kind of day, and the open SEV1/SEV2 cases. */
export function buildShiftReminder(input: ShiftReminderInput): MessageContent {
  const { shift, timeZone, cases, total } = input;
  const kind = shift.holiday ? `the holiday *${holidayName(shift.holiday)}*` : "the weekend";
  const when = `${slackDate(shift.at)} (${formatLocal(shift.at, timeZone)} ${timeZone})`;
  const blocks: Block[] = [
    section(`:pager: You are on call for ${kind} from ${when}. Pages for new SEV1 and SEV2 cases will come to you.`),
  ];
  if (cases.length === 0) {
    blocks.push(section("No open SEV1/SEV2 cases."));
  } else {
    blocks.push(section(`*Open SEV1/SEV2 cases* (${total})`));
    blocks.push(...cases.map((c) => section(caseLine(c, { titles: true }))));
    if (total > cases.length) blocks.push(context(`${total - cases.length} more: \`${COMMAND} list\``));
  }
  const fallbackKind = shift.holiday ? `the holiday ${holidayName(shift.holiday)}` : "the weekend";
  const count = cases.length === 0 ? "no open SEV1/SEV2 cases" : `${total} open SEV1/SEV2 cases`;
  return {
    text: `You are on call for ${fallbackKind} from ${when}; ${count}.`,
    blocks: capBlocks(blocks, LIMITS.blocksPerMessage),
  };
}
