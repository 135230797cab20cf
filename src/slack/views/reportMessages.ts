import { categoryById } from "../../core/categories.ts";
import type { ClockFigures, ReportFigures, SeverityFigures } from "../../core/reportFigures.ts";
import type { ReportPeriod } from "../../core/reportPeriod.ts";
import { SANCTION_RUNGS } from "../../core/sanctions.ts";
import { SEVERITIES, severityPolicy } from "../../core/severity.ts";
import {
  type Block,
  capBlocks,
  context,
  divider,
  fields,
  header,
  LIMITS,
  type MessageContent,
  section,
} from "./blocks.ts";
import { type EphemeralReply, ephemeral } from "./commandReplies.ts";

/** Everything a report message says names a category, severity or rung, or counts: never a case or a person. */

const PERIOD_NAMES = { week: "Weekly", month: "Monthly" } as const;
// A code block lines the table up; each row is short, and the catalog has about twenty categories.
const CATEGORY_ROWS = 25;

export const periodLabel = (period: ReportPeriod) => `${period.firstDay} to ${period.lastDay} (${period.timeZone})`;

const categoryLabel = (id: string | null) => (id === null ? "all categories" : (categoryById(id)?.label ?? id));

const reportName = (period: ReportPeriod, category: string | null) =>
  `${PERIOD_NAMES[period.kind]} report, ${categoryLabel(category)}`;

/** The command's answer: nothing is built yet, so it says what will come and where. */
export const reportRequestedReply = (period: ReportPeriod, category: string | null): EphemeralReply =>
  ephemeral(
    `Building the ${reportName(period, category).toLowerCase()}, ${periodLabel(period)}. It will be posted here if this conversation is private, else sent to you by DM.`,
  );

export const reportProgressText = (period: ReportPeriod, category: string | null) =>
  `Building the ${reportName(period, category).toLowerCase()}, ${periodLabel(period)}… the charts and CSV will follow.`;

export const reportFilesComment = (period: ReportPeriod, category: string | null) =>
  `${reportName(period, category)}, ${periodLabel(period)}: charts and the numbers as CSV.`;

export const reportFailedText = (period: ReportPeriod, reason: string) =>
  `The report of ${periodLabel(period)} failed (${reason}). Run the command again, or ask an admin if it keeps failing.`;

/** A duration in the clock's own units: business time for a business-hours target. */
function duration(minutes: number | null): string {
  if (minutes === null) return "–";
  if (minutes < 120) return `${minutes} min`;
  return `${Math.round((minutes / 60) * 10) / 10} h`;
}

const targetText = (clock: ClockFigures) =>
  `${duration(clock.target.minutes)}${clock.target.clock === "business" ? " business" : ""}`;

function clockLine(name: string, clock: ClockFigures): string {
  if (clock.measured === 0 && clock.pending === 0) return `${name}: –`;
  return (
    `${name}: p50 ${duration(clock.p50Minutes)}, p90 ${duration(clock.p90Minutes)} (target ${targetText(clock)}); ` +
    `${clock.breaches} breached, ${clock.pending} still open`
  );
}

function severityBlock(s: SeverityFigures): Block {
  return section(
    [
      `*${severityPolicy(s.severity).label}*: ${s.opened} opened`,
      clockLine("First response", s.firstResponse),
      clockLine("Resolution", s.resolution),
      `Next update breaches: ${s.nextUpdateBreaches}`,
    ].join("\n"),
  );
}

function categoryTable(figures: ReportFigures): string {
  const head = ["category".padEnd(28), ...SEVERITIES.map((s) => severityPolicy(s).label.padStart(5))].join(" ");
  const rows = figures.byCategory
    .slice(0, CATEGORY_ROWS)
    .map(({ category, counts }) =>
      [categoryLabel(category).slice(0, 28).padEnd(28), ...SEVERITIES.map((s) => String(counts[s]).padStart(5))].join(
        " ",
      ),
    );
  return `\`\`\`${[head, ...rows].join("\n")}\`\`\``;
}

const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)} %`);

function outcomeBlocks(figures: ReportFigures): Block[] {
  const rungs = figures.decisionsByRung.map(({ rung, count }) => `${SANCTION_RUNGS[rung].label}: ${count}`);
  const { appeals, pages } = figures;
  return [
    section(`*Decisions by rung*\n${rungs.length > 0 ? rungs.join("\n") : "None"}`),
    fields([
      ["Appeals", `${appeals.opened} opened, ${appeals.decided} decided`],
      ["Overturn rate", `${percent(appeals.overturnRate)} (${appeals.overturned} of ${appeals.decided})`],
      ["Pages", `${pages.sent} sent, ${pages.acknowledged} acknowledged`],
      ["Time to acknowledge", `p50 ${duration(pages.p50AckMinutes)}, p90 ${duration(pages.p90AckMinutes)}`],
    ]),
  ];
}

/** The report in Block Kit: the numbers; the charts and the CSV follow as files. */
export function buildReportMessage(
  period: ReportPeriod,
  category: string | null,
  figures: ReportFigures,
): MessageContent {
  const name = reportName(period, category);
  const casesBlocks =
    figures.casesOpened === 0
      ? [section(`*No cases* were opened from ${period.firstDay} to ${period.lastDay}.`)]
      : [
          section(`*${figures.casesOpened} cases opened*\n${categoryTable(figures)}`),
          ...figures.bySeverity.filter((s) => s.opened > 0).map(severityBlock),
        ];
  const blocks = [
    header(name),
    context(
      `${periodLabel(period)}. Times are SLA time (business hours for business targets), read at the period's end.`,
    ),
    ...casesBlocks,
    divider(),
    ...outcomeBlocks(figures),
  ];
  return {
    text: `${name}, ${periodLabel(period)}: ${figures.casesOpened} cases opened.`,
    blocks: capBlocks(blocks, LIMITS.blocksPerMessage),
  };
}
