import type { ClockFigures, ReportFigures } from "./reportFigures.ts";
import type { ReportPeriod } from "./reportPeriod.ts";
import { SEVERITIES } from "./severity.ts";
import { csvField } from "./statementTexts.ts";

export const REPORT_CSV_HEADER = "metric,dimension,value";

type Row = readonly [metric: string, dimension: string, value: number | string | null];

function clockRows(name: string, severity: string, clock: ClockFigures): Row[] {
  return [
    [`${name}_target_minutes`, severity, clock.target.minutes],
    [`${name}_target_clock`, severity, clock.target.clock],
    [`${name}_measured`, severity, clock.measured],
    [`${name}_p50_minutes`, severity, clock.p50Minutes],
    [`${name}_p90_minutes`, severity, clock.p90Minutes],
    [`${name}_breaches`, severity, clock.breaches],
    [`${name}_pending`, severity, clock.pending],
  ];
}

/**
 * The report's numbers, one per row: `metric,dimension,value` (dimension `category/severity`, a severity, a
 * rung, or empty; an unknown percentile is an empty value). Ids and counts only: no person, no case.
 */
export function reportCsv(period: ReportPeriod, category: string | null, figures: ReportFigures): string {
  const rows: Row[] = [
    ["period_first_day", "", period.firstDay],
    ["period_last_day", "", period.lastDay],
    ["time_zone", "", period.timeZone],
    ["category_filter", "", category ?? "all"],
    ["cases_opened", "", figures.casesOpened],
    ...figures.byCategory.flatMap(({ category: id, counts }) =>
      SEVERITIES.map((s): Row => ["cases_opened", `${id}/${s}`, counts[s]]),
    ),
    ...figures.bySeverity.flatMap((s) => [
      ["cases_opened", s.severity, s.opened] as const,
      ...clockRows("first_response", s.severity, s.firstResponse),
      ...clockRows("resolution", s.severity, s.resolution),
      ["next_update_breaches", s.severity, s.nextUpdateBreaches] as const,
    ]),
    ...figures.decisionsByRung.map(({ rung, count }): Row => ["decisions", rung, count]),
    ["appeals_opened", "", figures.appeals.opened],
    ["appeals_decided", "", figures.appeals.decided],
    ["appeals_overturned", "", figures.appeals.overturned],
    ["appeals_overturn_rate", "", figures.appeals.overturnRate],
    ["pages_sent", "", figures.pages.sent],
    ["pages_acknowledged", "", figures.pages.acknowledged],
    ["page_ack_p50_minutes", "", figures.pages.p50AckMinutes],
    ["page_ack_p90_minutes", "", figures.pages.p90AckMinutes],
  ];
  const line = ([metric, dimension, value]: Row) =>
    [metric, dimension, value === null ? "" : String(value)].map(csvField).join(",");
  return `${[REPORT_CSV_HEADER, ...rows.map(line)].join("\r\n")}\r\n`;
}
