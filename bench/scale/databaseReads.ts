/**
 * The database time of each read: the store functions (or the flow, where it reads more than one table) the bot
 * calls for it, timed in this process on the same file the bot serves, without Slack or HTTP in between.
 */
import { tmpdir } from "node:os";
import { categoriesNamedBy } from "../../src/core/categoriesNamedBy.ts";
import { parseExportRange } from "../../src/core/decisionExport.ts";
import { CASE_LIST_PAGE_SIZE } from "../../src/flows/cases/findCases.ts";
import { loadCaseSnapshot } from "../../src/flows/cases/loadCaseSnapshot.ts";
import { TIMELINE_DEFAULT_EVENTS } from "../../src/flows/cases/loadCaseTimeline.ts";
import { SEARCH_LIMIT } from "../../src/flows/cases/searchCases.ts";
import { verifyCaseChain } from "../../src/flows/cases/verifyCaseChain.ts";
import type { FlowDeps } from "../../src/flows/deps.ts";
import { AT_RISK_COUNTED, loadHomeData } from "../../src/flows/home/loadHomeData.ts";
import { loadOnCallOverview } from "../../src/flows/onCall/loadOnCallOverview.ts";
import { buildDecisionExport } from "../../src/flows/sanctions/buildDecisionExport.ts";
import { inPrivateFolder } from "../../src/flows/sanctions/inPrivateFolder.ts";
import { searchCases } from "../../src/store/caseSearch.ts";
import { countOpenCases, getCaseByHumanId, listOpenCases } from "../../src/store/cases.ts";
import type { Db } from "../../src/store/database.ts";
import { latestEventSeq, latestEventsOfCase } from "../../src/store/events.ts";
import { evidenceOfCase, filesOfEvidence } from "../../src/store/evidence.ts";
import { casesAtRiskBy } from "../../src/store/slaWatch.ts";
import { type LatencySummary, summarize } from "../stats.ts";
import type { ScaleManifest } from "./buildDatabase.ts";
import { WARM_UP_RUNS } from "./signedReads.ts";

function caseOf(db: Db, humanId: string) {
  const record = getCaseByHumanId(db, humanId);
  if (!record) throw new Error(`scale: ${humanId} is not in the database`);
  return record;
}

/** Each read's store calls as its flow makes them, by the name the report gives the read. */
export function databaseReads(deps: FlowDeps, manifest: ScaleManifest): Record<string, () => unknown> {
  const { db } = deps;
  const now = deps.clock.now();
  const timeZone = deps.config.businessTimeZone;
  const lead = manifest.staff.leads[0] ?? "";
  const sample = caseOf(db, manifest.sampleOpenCase);
  const heavy = caseOf(db, manifest.heavyAccount.openCase);
  const long = caseOf(db, manifest.longCase);
  const year = new Date(now).getUTCFullYear() - 1;
  const search = (text: string) => () =>
    searchCases(db, { text, categoryIds: categoriesNamedBy(text), limit: SEARCH_LIMIT });
  return {
    list: () => [countOpenCases(db), listOpenCases(db, { limit: CASE_LIST_PAGE_SIZE, offset: 0 })],
    status: () => loadCaseSnapshot(db, sample, now, timeZone),
    search: search(manifest.searchWord),
    "search by id": search(manifest.sampleOpenCase),
    timeline: () => [latestEventsOfCase(db, long.id, TIMELINE_DEFAULT_EVENTS), latestEventSeq(db, long.id)],
    "evidence list": () =>
      filesOfEvidence(
        db,
        evidenceOfCase(db, sample.id).map((e) => e.id),
      ),
    // The flow itself: its reads are spread over roles, cases, risk rows, kept SLA facts and the schedule.
    "App Home": () => loadHomeData(deps, lead),
    "SLA at risk": () => casesAtRiskBy(db, now, { limit: 10, countUpTo: AT_RISK_COUNTED }),
    "account history and strikes": () => loadCaseSnapshot(db, heavy, now, timeZone).parties,
    "on-call": () => loadOnCallOverview(deps, lead),
    // Slices read and hashed with the event loop free between them, as /incident verify does.
    "verify 10,000 events": () => verifyCaseChain(db, long.id),
    // The export job's build: pages read from a snapshot of its own connection, the event loop free between
    // them, both files written into a private folder, which is then removed (the upload is not part of it).
    "export one year": () =>
      inPrivateFolder(tmpdir(), (folder) =>
        buildDecisionExport(db, parseExportRange(`${year}-01-01`, `${year}-12-31`), folder),
      ),
  };
}

/** Runs each read `runs` times; a read over `budgetMs` in total stops early so one slow read cannot stall the run. */
export async function timeDatabaseReads(
  reads: Record<string, () => unknown>,
  runs: number,
  budgetMs: number,
): Promise<Record<string, LatencySummary>> {
  const figures: Record<string, LatencySummary> = {};
  for (const [name, read] of Object.entries(reads)) {
    const samples: number[] = [];
    const deadline = performance.now() + budgetMs;
    for (let run = 0; run < WARM_UP_RUNS; run++) await read();
    for (let run = 0; run < runs && performance.now() < deadline; run++) {
      const started = performance.now();
      await read();
      samples.push(performance.now() - started);
    }
    figures[name] = summarize(samples);
  }
  return figures;
}
