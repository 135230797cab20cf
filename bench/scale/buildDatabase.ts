/**
 * A scale database, deterministically: a fresh SQLite file migrated by the product's own openDatabase, then
 * ten years of cases written in big transactions (see scaleShape.ts for the sizes). The file is cached under
 * bench/.data/, named by size and builder version, so a rerun reuses it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import { instantAt, localDayOf } from "../../src/core/localTime.ts";
import { openDatabase } from "../../src/store/database.ts";
import { seededRandom } from "../../test/support/seededRandom.ts";
import { assertMigratedSchema, withoutIndexesOrInsertTriggers } from "./bulkLoad.ts";
import { type BulkWriter, bulkWriter } from "./bulkWriter.ts";
import { type CasePlan, type Party, type Staff, writeCaseHistory } from "./caseHistory.ts";
import { CONSULT_TEAMS } from "./contactHistory.ts";
import { recordStartupSlaSweepDone } from "./passesDone.ts";
import {
  BUILDER_VERSION,
  evenShare,
  FIRST_DECISION_AT,
  HISTORY_END,
  HISTORY_START,
  OPEN_SHARE,
  type ScaleShape,
  scaleShape,
} from "./scaleShape.ts";
import { storeEveryDecisionText } from "./storeDecisionTexts.ts";

export const DATA_DIR = fileURLToPath(new URL("../.data", import.meta.url));
const CASES_PER_TRANSACTION = 2_000;
const SEED = 12;

/** What the runner needs to know about a built database: its figures and the rows worth reading. */
export interface ScaleManifest {
  version: number;
  shape: ScaleShape;
  written: { cases: number; events: number; evidence: number; decisions: number; votes: number; jobs: number };
  longCase: string;
  heavyAccount: { accountRef: string; decisions: number; openCase: string };
  /** An open case with evidence, for status, timeline and evidence list. */
  sampleOpenCase: string;
  searchWord: string;
  staff: Staff;
  buildSeconds: number;
}

export interface BuiltDatabase {
  path: string;
  manifest: ScaleManifest;
  reused: boolean;
}

const STAFF: Staff = {
  specialists: Array.from({ length: 24 }, (_, i) => `U0SPEC${String(i + 1).padStart(3, "0")}`),
  leads: ["U0LEAD001", "U0LEAD002", "U0LEAD003", "U0LEAD004"],
  consultants: CONSULT_TEAMS.map((_, i) => `U0CONS${String(i + 1).padStart(3, "0")}`),
};
const ONCALL_TIME_ZONE = "Europe/Berlin";
const HANDOFF_MINUTE = 9 * 60;

/** Which cases are open at the end: the newest OPEN_SHARE·0.8, and one in a hundred older ones that lingered. */
const isOpenCase = (index: number, cases: number) =>
  index >= cases - Math.floor(cases * OPEN_SHARE * 0.8) || index % 100 === 37;

function createdAtOf(index: number, cases: number): number {
  return HISTORY_START + Math.floor(((index + 0.5) * (HISTORY_END - HISTORY_START)) / cases);
}

function accountPool(w: BulkWriter) {
  const ids = new Map<string, number>();
  return (accountRef: string, role: Party["role"], at: number): Party => {
    let accountId = ids.get(accountRef);
    if (accountId === undefined) {
      const name = role === "pro" ? `Pro ${accountRef.slice(4)} Home Services` : `Customer ${accountRef.slice(4)}`;
      accountId = w.account({ account_ref: accountRef, role, display_name: name, created_at: at, updated_at: at });
      ids.set(accountRef, accountId);
    }
    return { accountId, accountRef, role };
  };
}

function writeTeam(w: BulkWriter, at: number): void {
  for (const user of STAFF.specialists)
    w.role({ user_id: user, role: "specialist", updated_by: "U0BENCH", updated_at: at });
  for (const user of STAFF.leads) w.role({ user_id: user, role: "lead", updated_by: "U0BENCH", updated_at: at });
  for (const user of STAFF.consultants)
    w.role({ user_id: user, role: "consultant", updated_by: "U0BENCH", updated_at: at });
  for (const team of CONSULT_TEAMS)
    w.consultTeamGroup({ key: team.key, usergroup: team.usergroup, updated_by: "U0LEAD001", updated_at: at });
  // The product refuses a rotation that does not start at its hand-off time (core/onCall.ts rotationIndex).
  const rotationStart = instantAt(localDayOf(at, ONCALL_TIME_ZONE), HANDOFF_MINUTE, ONCALL_TIME_ZONE);
  const layer = (name: string, position: number, windowKind: string, users: readonly string[]) =>
    w.layer({
      name,
      position,
      time_zone: ONCALL_TIME_ZONE,
      window_kind: windowKind,
      window_from: null,
      window_to: null,
      users: JSON.stringify(users),
      starts_at: rotationStart,
      length_hours: 168,
      handoff_time: "09:00",
      created_by: "U0LEAD001",
      created_at: at,
      removed_at: null,
      removed_by: null,
    });
  layer("primary", 1, "always", STAFF.specialists.slice(0, 6));
  layer("weekend", 2, "weekends", STAFF.leads);
  for (let week = 0; week < 20; week++) {
    const startsAt = HISTORY_END - (20 - week) * 7 * 86_400_000;
    const [user = "", replaces = ""] = [STAFF.specialists[week % 24], STAFF.specialists[(week + 1) % 6]];
    w.override({
      user_id: user,
      starts_at: startsAt,
      ends_at: startsAt + 86_400_000,
      replaces,
      created_by: "U0LEAD001",
      created_at: startsAt - 86_400_000,
      cancelled_at: null,
      cancelled_by: null,
    });
  }
}

/** SQLite answers a journal mode it cannot switch to with the mode it keeps: that must not pass unseen. */
function journalMode(sqlite: Database.Database, mode: "memory" | "wal"): void {
  const now = sqlite.pragma(`journal_mode = ${mode}`, { simple: true });
  if (now !== mode) throw new Error(`scale: the file stayed in journal mode ${String(now)}, not ${mode}`);
}

/** Writes every case into an empty, migrated file; returns the manifest without its build time. */
function writeScaleDatabase(path: string, shape: ScaleShape): Omit<ScaleManifest, "buildSeconds"> {
  const handle = openDatabase(path);
  const { sqlite } = handle;
  // The build is repeatable from scratch: durability while writing buys nothing, and with the journal in memory
  // (not the WAL) each page is written to the file once, not twice. (journal_mode = OFF is refused in the defensive
  // mode better-sqlite3 opens in.) The file is put back in WAL below, as the product opens it.
  sqlite.pragma("synchronous = OFF");
  journalMode(sqlite, "memory");
  sqlite.pragma("cache_size = -262144");
  const w = bulkWriter(sqlite);
  const random = seededRandom(SEED);
  const account = accountPool(w);
  const { cases } = shape;
  const longIndex = cases - 2;
  const heavyOpenIndex = cases - 3;
  const sampleIndex = cases - 4;
  const decidable = (i: number) => !isOpenCase(i, cases) && createdAtOf(i, cases) >= FIRST_DECISION_AT;
  let decidableTotal = 0;
  for (let i = 0; i < cases; i++) if (decidable(i)) decidableTotal += 1;
  const otherEvents = shape.events - shape.longCaseEvents;
  const written = { cases: 0, events: 0, evidence: 0, decisions: 0, votes: 0, jobs: 0 };
  let decidableSeen = 0;
  let heavyDecisions = 0;
  const perYear = new Map<number, number>();
  const humanIds: Record<number, string> = {};
  const writeBatch = sqlite.transaction((from: number, to: number) => {
    if (from === 0) writeTeam(w, HISTORY_START);
    for (let i = from; i < to; i++) {
      const createdAt = createdAtOf(i, cases);
      const year = new Date(createdAt).getUTCFullYear();
      const seq = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, seq);
      let decisions = 0;
      if (decidable(i)) {
        decidableSeen += 1;
        const want = evenShare(shape.decisions, decidableTotal, decidableSeen) - written.decisions;
        const appeal = random.next() < 0.1 && written.decisions + 2 <= shape.decisions;
        decisions = want <= 0 ? 0 : appeal ? 2 : 1;
      }
      // The heavy account keeps pace with all decisions, so its share is spread over the years.
      const heavy =
        i === heavyOpenIndex ||
        (decisions > 0 && heavyDecisions * shape.decisions < shape.heavyAccountDecisions * written.decisions);
      if (heavy) heavyDecisions += decisions;
      const respondentRef = heavy
        ? "pro_000000"
        : `pro_${String(1 + random.int(Math.ceil(cases / 3))).padStart(6, "0")}`;
      const othersBefore = i - (i > longIndex ? 1 : 0);
      const events =
        i === longIndex
          ? shape.longCaseEvents
          : evenShare(otherEvents, cases - 1, othersBefore + 1) -
            (written.events - (i > longIndex ? shape.longCaseEvents : 0));
      const plan: CasePlan = {
        id: i + 1,
        year,
        seq,
        createdAt,
        open: isOpenCase(i, cases),
        evidence: evenShare(shape.evidence, cases, i + 1) - written.evidence,
        decisions,
        events,
        reporter: account(`cus_${String(i + 1).padStart(7, "0")}`, "customer", createdAt),
        respondent: account(respondentRef, "pro", createdAt),
      };
      const tally = writeCaseHistory(w, random, plan, STAFF);
      written.cases += 1;
      written.events += tally.events;
      written.evidence += tally.evidence;
      written.decisions += tally.decisions;
      written.votes += tally.votes;
      written.jobs += tally.jobs;
      if (i === longIndex || i === heavyOpenIndex || i === sampleIndex)
        humanIds[i] = `TS-${year}-${String(seq).padStart(4, "0")}`;
    }
  });
  const started = performance.now();
  const progress = (what: string) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    if (cases >= 100_000) console.log(`  scale build: ${what}, ${seconds} s`);
  };
  withoutIndexesOrInsertTriggers(sqlite, () => {
    for (let from = 0; from < cases; from += CASES_PER_TRANSACTION) {
      writeBatch(from, Math.min(cases, from + CASES_PER_TRANSACTION));
      if ((from / CASES_PER_TRANSACTION) % 50 === 0)
        progress(`${from.toLocaleString("en")} of ${cases.toLocaleString("en")} cases`);
    }
    progress("all rows written");
  });
  progress("indexes, triggers and search rebuilt");
  // As recordDecision stores them (the bulk writer writes decisions row by row, around the flow).
  storeEveryDecisionText(handle.db);
  progress("decisions' export texts stored");
  recordStartupSlaSweepDone(handle.db, Date.now());
  assertMigratedSchema(sqlite);
  // A database of this age has statistics (the product runs PRAGMA optimize at open): the planner sees them.
  sqlite.exec("ANALYZE");
  progress("analyzed");
  journalMode(sqlite, "wal");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  handle.close();
  return {
    version: BUILDER_VERSION,
    shape,
    written,
    longCase: humanIds[longIndex] ?? "",
    heavyAccount: { accountRef: "pro_000000", decisions: heavyDecisions, openCase: humanIds[heavyOpenIndex] ?? "" },
    sampleOpenCase: humanIds[sampleIndex] ?? "",
    searchWord: "refund",
    staff: STAFF,
  };
}

/** The cached database of `cases` cases, built first when there is none of this size and builder version. */
export function buildScaleDatabase(cases: number, dir: string = DATA_DIR): BuiltDatabase {
  const shape = scaleShape(cases);
  const base = join(dir, `scale-${cases}-v${BUILDER_VERSION}`);
  const path = `${base}.sqlite`;
  const manifestPath = `${base}.json`;
  if (existsSync(path) && existsSync(manifestPath)) {
    // A file cached before newer migrations is upgraded first, as a deployed database is at its next start: the
    // bench's start to healthy then measures a start, not an upgrade.
    const upgraded = openDatabase(path);
    try {
      // And what the bot's passes after the upgrade leave behind: every decision's export texts; and the start-up
      // SLA sweep a file cached before the builder recorded it would otherwise run at every bench start.
      storeEveryDecisionText(upgraded.db);
      recordStartupSlaSweepDone(upgraded.db, Date.now());
    } finally {
      upgraded.close();
    }
    return { path, manifest: JSON.parse(readFileSync(manifestPath, "utf8")) as ScaleManifest, reused: true };
  }
  mkdirSync(dir, { recursive: true });
  const building = `${base}.building.sqlite`;
  for (const stale of [building, `${building}-wal`, `${building}-shm`]) rmSync(stale, { force: true });
  const started = performance.now();
  const written = writeScaleDatabase(building, shape);
  const manifest: ScaleManifest = { ...written, buildSeconds: (performance.now() - started) / 1000 };
  renameSync(building, path);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { path, manifest, reused: false };
}
