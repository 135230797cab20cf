import type { BusinessCalendar } from "./businessHours.ts";
import { SANCTION_RUNG_IDS, type SanctionRung } from "./sanctions.ts";
import { type ClockTarget, SEVERITIES, type Severity, severityPolicy } from "./severity.ts";
import { type SlaClockName, type SlaClockState, type SlaFact, slaClocks } from "./slaClock.ts";

/** A case opened in the period, as a report counts it: no title, party or text. */
export interface ReportCase {
  category: string;
  severity: Severity;
  /** Its SLA facts from the timeline, in any order. */
  facts: readonly SlaFact[];
}

export interface ReportInputs {
  calendar: BusinessCalendar;
  /** The end of the period: clocks are read as they stood then, so a report of a period never changes. */
  toAt: number;
  cases: readonly ReportCase[];
  decisionRungs: readonly SanctionRung[];
  appealsOpened: number;
  appealOutcomes: readonly string[];
  pages: ReadonlyArray<{ createdAt: number; ackedAt: number | null; ackMinutes: number }>;
}

/** Percentiles of SLA-counted minutes of one clock over the cases of one severity. */
export interface ClockFigures {
  target: ClockTarget;
  /** Cases whose clock was met or missed by the end of the period. */
  measured: number;
  p50Minutes: number | null;
  p90Minutes: number | null;
  breaches: number;
  /** Cases whose clock still ran (or was paused) at the end of the period. */
  pending: number;
}

export interface SeverityFigures {
  severity: Severity;
  opened: number;
  firstResponse: ClockFigures;
  resolution: ClockFigures;
  nextUpdateBreaches: number;
}

export interface ReportFigures {
  casesOpened: number;
  /** Category → severity → count, categories in the order of their first case's count, largest first. */
  byCategory: ReadonlyArray<{ category: string; counts: Readonly<Record<Severity, number>> }>;
  bySeverity: readonly SeverityFigures[];
  decisionsByRung: ReadonlyArray<{ rung: SanctionRung; count: number }>;
  appeals: { opened: number; decided: number; overturned: number; overturnRate: number | null };
  pages: { sent: number; acknowledged: number; p50AckMinutes: number | null; p90AckMinutes: number | null };
}

const MINUTE_MS = 60_000;

/** Nearest-rank percentile: the smallest value with at least `q` of the values at or below it. */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? null;
}

/** Whole minutes, rounded, as the report shows them. */
const minutes = (ms: number) => Math.round(ms / MINUTE_MS);

const emptyCounts = (): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

/** The first round only: an appeal reopens the case, and appeals are counted apart. */
function firstRound(facts: readonly SlaFact[]): SlaFact[] {
  const sorted = [...facts].sort((a, b) => a.at - b.at);
  const reopened = sorted.findIndex((f) => f.kind === "status" && f.status === "appealed");
  return reopened < 0 ? sorted : sorted.slice(0, reopened);
}

function clockFigures(target: ClockTarget, clocks: readonly SlaClockState[]): ClockFigures {
  const done = clocks.filter((c) => c.fulfilledAt !== null);
  const counted = done.map((c) => minutes(c.elapsedMs));
  return {
    target,
    measured: done.length,
    p50Minutes: percentile(counted, 0.5),
    p90Minutes: percentile(counted, 0.9),
    breaches: clocks.filter((c) => c.breached).length,
    pending: clocks.length - done.length,
  };
}

function severityFigures(inputs: ReportInputs, severity: Severity): SeverityFigures {
  const policy = severityPolicy(severity);
  const states = inputs.cases
    .filter((c) => c.severity === severity)
    .map((c) => slaClocks({ severity, calendar: inputs.calendar, facts: firstRound(c.facts), now: inputs.toAt }));
  const clock = (name: SlaClockName) => states.flatMap((s) => s.filter((c) => c.name === name));
  return {
    severity,
    opened: states.length,
    firstResponse: clockFigures(policy.firstResponse, clock("first_response")),
    resolution: clockFigures(policy.resolution, clock("resolution")),
    nextUpdateBreaches: clock("next_update").filter((c) => c.breached).length,
  };
}

function byCategory(cases: readonly ReportCase[]): ReportFigures["byCategory"] {
  const counts = new Map<string, Record<Severity, number>>();
  for (const c of cases) {
    const row = counts.get(c.category) ?? emptyCounts();
    row[c.severity] += 1;
    counts.set(c.category, row);
  }
  const total = (row: Record<Severity, number>) => SEVERITIES.reduce((n, s) => n + row[s], 0);
  return [...counts.entries()]
    .map(([category, row]) => ({ category, counts: row }))
    .sort((a, b) => total(b.counts) - total(a.counts) || a.category.localeCompare(b.category));
}

/** Every figure of a team report, from records that carry no personal data. */
export function reportFigures(inputs: ReportInputs): ReportFigures {
  const acked = inputs.pages.filter((p) => p.ackedAt !== null).map((p) => minutes((p.ackedAt ?? 0) - p.createdAt));
  const decided = inputs.appealOutcomes.length;
  const overturned = inputs.appealOutcomes.filter((o) => o === "overturned").length;
  return {
    casesOpened: inputs.cases.length,
    byCategory: byCategory(inputs.cases),
    bySeverity: SEVERITIES.map((s) => severityFigures(inputs, s)),
    decisionsByRung: SANCTION_RUNG_IDS.map((rung) => ({
      rung,
      count: inputs.decisionRungs.filter((r) => r === rung).length,
    })).filter((r) => r.count > 0),
    appeals: {
      opened: inputs.appealsOpened,
      decided,
      overturned,
      overturnRate: decided === 0 ? null : overturned / decided,
    },
    pages: {
      sent: inputs.pages.length,
      acknowledged: acked.length,
      p50AckMinutes: percentile(acked, 0.5),
      p90AckMinutes: percentile(acked, 0.9),
    },
  };
}
