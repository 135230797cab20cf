import type { CaseRow } from "../../../db/schema.ts";
import { CLOSE_OUTCOMES, formatDuration } from "../../core/caseClose.ts";
import type { CloseSummaryInput } from "../../flows/cases/closeSummaryPost.ts";
import { type Block, capBlocks, context, fields, header, LIMITS, section } from "./blocks.ts";
import { caseHeadline, categoryLabel, severityLabel } from "./caseSummary.ts";
import { caseLine, type EphemeralReply, ephemeral } from "./commandReplies.ts";
import { slackDate, userText } from "./mrkdwn.ts";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The closing post in the triage channel: ids, labels and counts, nothing a party could be known by. */
export function buildCloseSummaryMessage(input: CloseSummaryInput): { text: string; blocks: Block[] } {
  const { record } = input;
  const outcome = CLOSE_OUTCOMES[input.outcome];
  return {
    text: `Closed ${caseHeadline(record)}: ${outcome}`,
    blocks: [
      header(`Closed: ${record.humanId}`),
      fields([
        ["Severity", severityLabel(record.severity)],
        ["Category", categoryLabel(record.category)],
        ["Outcome", outcome],
        ["Open for", formatDuration(input.closedAt - record.createdAt)],
      ]),
      context(
        [
          plural(input.evidenceCount, "evidence item", "evidence items"),
          plural(input.consultCount, "consult", "consults"),
          plural(input.decisionCount, "decision", "decisions"),
          `closed ${slackDate(input.closedAt)}`,
        ].join(" · "),
      ),
    ],
  };
}

/** Search hits, open and closed alike, best match first; titles are shown as in `/incident list`. */
export function caseSearchReply(text: string, found: readonly CaseRow[], limit: number): EphemeralReply {
  const quoted = `“${userText(text, 60)}”`;
  if (found.length === 0) return ephemeral(`No case matches ${quoted}.`);
  const lines = found.map((c) => caseLine(c, { titles: true }));
  const more = found.length === limit ? ` (the best ${limit}; add words to narrow the search)` : "";
  return ephemeral(
    `${found.length} cases match ${quoted}`,
    capBlocks(
      [section(`*Cases matching ${quoted}*${more}`), ...lines.map((line) => section(line))],
      LIMITS.blocksPerMessage,
    ),
  );
}
