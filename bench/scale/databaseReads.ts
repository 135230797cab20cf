/**
 * The database time of each read: the store functions a read calls, timed in this process on the same
 * file the bot serves, without Slack or HTTP in between.
 */
import { verifyChain } from "../../src/core/auditHash.ts";
import { loadCaseSnapshot } from "../../src/flows/cases/loadCaseSnapshot.ts";
import { loadCalendar } from "../../src/store/calendars.ts";
import { searchCases } from "../../src/store/caseSearch.ts";
import { getCaseByHumanId, listOpenCases, openCaseCountsBySeverity } from "../../src/store/cases.ts";
import type { Db } from "../../src/store/database.ts";
import { eventsOfCase, toStoredEvent } from "../../src/store/events.ts";
import { evidenceOfCase, filesOfEvidence } from "../../src/store/evidence.ts";
import { loadSchedule } from "../../src/store/onCall.ts";
import { decisionsBetween } from "../../src/store/sanctions.ts";
import { casesAtRiskBy } from "../../src/store/slaWatch.ts";
import { type LatencySummary, summarize } from "../stats.ts";
import type { ScaleManifest } from "./buildDatabase.ts";

const TIME_ZONE = "Europe/Berlin";

function caseOf(db: Db, humanId: string) {
  const record = getCaseByHumanId(db, humanId);
  if (!record) throw new Error(`scale: ${humanId} is not in the database`);
  return record;
}

/** Each read's store calls, by the name the report gives the read. */
export function databaseReads(db: Db, manifest: ScaleManifest, now: number): Record<string, () => unknown> {
  const sample = caseOf(db, manifest.sampleOpenCase);
  const heavy = caseOf(db, manifest.heavyAccount.openCase);
  const long = caseOf(db, manifest.longCase);
  const year = new Date(now).getUTCFullYear() - 1;
  return {
    list: () => listOpenCases(db, { limit: 20, offset: 0 }),
    status: () => loadCaseSnapshot(db, sample, now, TIME_ZONE),
    search: () => searchCases(db, { text: manifest.searchWord, categoryIds: [], limit: 10 }),
    "search by id": () => searchCases(db, { text: manifest.sampleOpenCase, categoryIds: [], limit: 10 }),
    timeline: () => eventsOfCase(db, long.id).slice(-15),
    "evidence list": () =>
      filesOfEvidence(
        db,
        evidenceOfCase(db, sample.id).map((e) => e.id),
      ),
    "App Home": () => [openCaseCountsBySeverity(db), casesAtRiskBy(db, now, 10)],
    "SLA at risk": () => casesAtRiskBy(db, now, 10),
    "account history and strikes": () => loadCaseSnapshot(db, heavy, now, TIME_ZONE).parties,
    "on-call": () => loadSchedule(db, loadCalendar(db, TIME_ZONE), now),
    "verify 10,000 events": () => verifyChain(eventsOfCase(db, long.id).map(toStoredEvent)),
    "export one year": () => decisionsBetween(db, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)),
  };
}

/** Runs each read `runs` times; a read over `budgetMs` in total stops early so one slow read cannot stall the run. */
export function timeDatabaseReads(
  reads: Record<string, () => unknown>,
  runs: number,
  budgetMs: number,
): Record<string, LatencySummary> {
  const figures: Record<string, LatencySummary> = {};
  for (const [name, read] of Object.entries(reads)) {
    const samples: number[] = [];
    const deadline = performance.now() + budgetMs;
    for (let run = 0; run < runs && performance.now() < deadline; run++) {
      const started = performance.now();
      read();
      samples.push(performance.now() - started);
    }
    figures[name] = summarize(samples);
  }
  return figures;
}
