import type { ReportRunRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { reportCsv } from "../../core/reportCsv.ts";
import { type ReportCase, type ReportFigures, reportFigures } from "../../core/reportFigures.ts";
import type { ReportPeriod } from "../../core/reportPeriod.ts";
import { parseSeverity } from "../../core/severity.ts";
import type { SlaFact } from "../../core/slaClock.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { type Executor, inReadSnapshot } from "../../store/database.ts";
import { timelinesOfCases } from "../../store/events.ts";
import {
  appealOutcomesIn,
  appealsOpenedIn,
  casesOpenedIn,
  decisionRungsIn,
  pagesSentIn,
  type ReportScope,
} from "../../store/reportFacts.ts";
import { getReportRun } from "../../store/reportRuns.ts";
import type { FlowDeps } from "../deps.ts";
import { slaFactsOf } from "../sla/slaStatus.ts";
import { periodOfRun } from "./reportRunPeriod.ts";

export interface BuiltReport {
  run: ReportRunRow;
  period: ReportPeriod;
  figures: ReportFigures;
  csv: string;
}

// Timelines are read in slices of cases, so no query carries more ids than SQLite's bound variables allow.
const CASES_PER_READ = 500;

/** Each case's SLA facts up to the end of the period, read from its timeline. */
function factsUpTo(tx: Executor, caseIds: readonly number[], toAt: number): Map<number, SlaFact[]> {
  const facts = new Map<number, SlaFact[]>();
  for (let i = 0; i < caseIds.length; i += CASES_PER_READ) {
    for (const event of timelinesOfCases(tx, caseIds.slice(i, i + CASES_PER_READ))) {
      if (event.at >= toAt) continue;
      const ofCase = facts.get(event.caseId) ?? [];
      ofCase.push(...slaFactsOf([event]));
      facts.set(event.caseId, ofCase);
    }
  }
  return facts;
}

function reportCases(tx: Executor, scope: ReportScope): ReportCase[] {
  const opened = casesOpenedIn(tx, scope);
  const facts = factsUpTo(
    tx,
    opened.map((c) => c.id),
    scope.toAt,
  );
  return opened.map((c) => ({
    category: c.category,
    severity: parseSeverity(c.severity) ?? fail("invalid_input", `case ${c.id} has no known severity`),
    facts: facts.get(c.id) ?? [],
  }));
}

/** The run's figures and CSV, read in one snapshot of the record. */
export function buildReport(deps: FlowDeps, reportId: number): BuiltReport {
  return inReadSnapshot(deps.db, (tx) => {
    const run = getReportRun(tx, reportId) ?? fail("not_found", `report ${reportId} does not exist`);
    const period = periodOfRun(run);
    const scope: ReportScope = { fromAt: run.fromAt, toAt: run.toAt, category: run.category };
    const figures = reportFigures({
      calendar: loadCalendar(tx, deps.config.businessTimeZone),
      toAt: run.toAt,
      cases: reportCases(tx, scope),
      decisionRungs: decisionRungsIn(tx, scope),
      appealsOpened: appealsOpenedIn(tx, scope),
      appealOutcomes: appealOutcomesIn(tx, scope),
      pages: pagesSentIn(tx, scope),
    });
    return { run, period, figures, csv: reportCsv(period, run.category, figures) };
  });
}
