import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltDatabase, buildScaleDatabase } from "../../bench/scale/buildDatabase.ts";
import { withoutIndexesOrInsertTriggers } from "../../bench/scale/bulkLoad.ts";
import { scaleShape } from "../../bench/scale/scaleShape.ts";
import { verifyChain } from "../../src/core/auditHash.ts";
import { whoIsOnCall } from "../../src/core/onCall.ts";
import { relevantSlaFacts, slaFactsOfEvent } from "../../src/core/slaFacts.ts";
import { loadCaseSnapshot } from "../../src/flows/cases/loadCaseSnapshot.ts";
import { buildDecisionExport } from "../../src/flows/sanctions/buildDecisionExport.ts";
import { rendererFingerprint } from "../../src/flows/sanctions/decisionTexts.ts";
import { loadCalendar } from "../../src/store/calendars.ts";
import { getCaseByHumanId } from "../../src/store/cases.ts";
import { type DatabaseHandle, openDatabase } from "../../src/store/database.ts";
import { eventsOfCase, toStoredEvent } from "../../src/store/events.ts";
import { loadSchedule } from "../../src/store/onCall.ts";
import { standingDecisionsOfAccount } from "../../src/store/sanctions.ts";
import { slaFactsOfCases } from "../../src/store/slaFacts.ts";
import { exportFilesAsBefore } from "../support/exportAsBefore.ts";

const CASES = 200;
const shape = scaleShape(CASES);
let dir: string;
let built: BuiltDatabase;
let database: DatabaseHandle;
/** Bytes 18 and 19 of the file as built, before anything opened it: 2 and 2 mean WAL (https://sqlite.org/fileformat2.html#file_format_version_numbers). */
let formatVersions: number[];

const count = (sql: string): number => (database.sqlite.prepare(sql).get() as { n: number }).n;

/** sqlite_master without ANALYZE's statistics tables, which the builder adds on purpose. */
const schemaRows = (handle: DatabaseHandle) =>
  handle.sqlite
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
    )
    .all();

/** The cases each query finds, by id: what a search can show, whatever the ranking. */
const matches = (handle: DatabaseHandle, queries: readonly string[]) =>
  queries.map((query) => ({
    query,
    ids: handle.sqlite
      .prepare("SELECT rowid FROM case_search WHERE case_search MATCH ? ORDER BY rowid")
      .pluck()
      .all(query),
  }));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "incident-desk-scale-"));
  built = buildScaleDatabase(CASES, dir);
  formatVersions = [...readFileSync(built.path).subarray(18, 20)];
  database = openDatabase(built.path);
});

afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the scale database builder", () => {
  it("leaves the schema exactly as the migrations make it, every index and trigger back, and the file in WAL mode", () => {
    const migrated = openDatabase(join(dir, "migrated.sqlite"));
    try {
      expect(schemaRows(database)).toEqual(schemaRows(migrated));
    } finally {
      migrated.close();
    }
    expect(formatVersions).toEqual([2, 2]);
  });

  it("files every case in full-text search as the product's triggers would have, row by row", () => {
    // A migrated file fed the same rows one INSERT at a time, so the search triggers file each case themselves.
    const byTriggers = openDatabase(join(dir, "by-triggers.sqlite"));
    try {
      byTriggers.sqlite.exec(`ATTACH '${built.path}' AS built`);
      for (const table of ["accounts", "cases", "case_parties"])
        byTriggers.sqlite.exec(`INSERT INTO main.${table} SELECT * FROM built.${table} ORDER BY rowid`);
      const cases = database.sqlite.prepare("SELECT human_id, category, title FROM cases").all() as Array<{
        human_id: string;
        category: string;
        title: string;
      }>;
      const accountRefs = database.sqlite.prepare("SELECT account_ref FROM accounts").pluck().all() as string[];
      const queries = [
        ...cases.flatMap((c) => [`"${c.human_id}"`, `"${c.category}"`, `"${c.title.split(" ")[0]}"`]),
        ...accountRefs,
        "Customer",
        "Home",
        "reporter",
      ];
      // Which cases, not their scores: each refiling delete left FTS5's row and token totals counting the
      // document again (60,000 rows for 20,000 cases, measured), so bm25 differs where triggers filed.
      const found = matches(database, queries);
      expect(found.filter((m) => m.ids.length === 0)).toEqual([]);
      expect(found).toEqual(matches(byTriggers, queries));
    } finally {
      byTriggers.close();
    }
  });

  it("counts cases by status and severity as the product's triggers would have, row by row", () => {
    const kept = database.sqlite
      .prepare("SELECT status, severity, n FROM case_counts WHERE n <> 0 ORDER BY status, severity")
      .all();
    const counted = database.sqlite
      .prepare("SELECT status, severity, count(*) AS n FROM cases GROUP BY status, severity ORDER BY status, severity")
      .all();
    // The builder moves some open cases to waiting_consult during the load: those moves must not count twice.
    expect(count("SELECT count(*) AS n FROM cases WHERE status = 'waiting_consult'")).toBeGreaterThan(0);
    expect(kept).toEqual(counted);
  });

  it("stores every decision's export texts as the current renderer writes them, so an export copies them all", async () => {
    expect(count("SELECT count(*) AS n FROM decisions")).toBeGreaterThan(0);
    const current = database.sqlite.prepare("SELECT count(*) AS n FROM decision_export_texts WHERE renderer = ?");
    // As a bot whose pass is through: its start queues no second pass over the decisions.
    const pass = database.sqlite.prepare("SELECT done_at FROM jobs WHERE idempotency_key = ?");
    expect(pass.get(`statements.store_texts:${rendererFingerprint()}:0`)).toEqual({ done_at: expect.any(Number) });
    expect((current.get(rendererFingerprint()) as { n: number }).n).toBe(count("SELECT count(*) AS n FROM decisions"));
    // Every decision exported from those texts: the files are what rendering each decision afresh writes.
    const range = { from: "1970-01-01", to: "2100-12-31", fromMs: 0, toMs: Date.UTC(2101, 0, 1) };
    const folder = mkdtempSync(join(dir, "export-"));
    const exported = await buildDecisionExport(database.db, range, folder);
    const files = exported.files.map((file) => readFileSync(file.path, "utf8"));
    const before = exportFilesAsBefore(database.db, range);
    expect(exported.count).toBeGreaterThan(0);
    expect(files).toEqual([before.json, before.csv]);
  });

  it("refuses to load past an INSERT trigger it does not know how to rebuild", () => {
    const scratch = openDatabase(":memory:");
    try {
      scratch.sqlite.exec("CREATE TRIGGER cases_counted AFTER INSERT ON cases BEGIN SELECT 1; END");
      let loaded = false;
      expect(() =>
        withoutIndexesOrInsertTriggers(scratch.sqlite, () => {
          loaded = true;
        }),
      ).toThrow(/cases_counted/);
      expect(loaded).toBe(false);
    } finally {
      scratch.close();
    }
  });

  it("writes a hash chain for every case that the product's verify accepts", () => {
    const caseIds = database.sqlite.prepare("SELECT id FROM cases ORDER BY id").pluck().all() as number[];
    expect(caseIds).toHaveLength(CASES);
    const broken = caseIds
      .map((id) => ({ id, verdict: verifyChain(eventsOfCase(database.db, id).map(toStoredEvent)) }))
      .filter(({ verdict }) => !verdict.ok);
    expect(broken).toEqual([]);
  });

  it("keeps the issue's ratios: about 10 events, 1.5 evidence entries, 0.175 decisions and 3 jobs per case", () => {
    const events = count("SELECT count(*) AS n FROM case_events");
    // Consults and mediation add their events where a case's share has no filler left to give up.
    expect(events).toBeGreaterThanOrEqual(shape.events);
    expect(events).toBeLessThanOrEqual(shape.events * 1.15);
    expect(count("SELECT count(*) AS n FROM evidence")).toBe(shape.evidence);
    expect(count("SELECT count(*) AS n FROM evidence_files")).toBe(shape.evidence);
    expect(count("SELECT count(*) AS n FROM decisions")).toBe(shape.decisions);
    const open = count("SELECT count(*) AS n FROM cases WHERE status <> 'closed'");
    // Each open case also holds the SLA check of an earlier start; the export texts' pass and the start-up SLA
    // sweep are recorded done.
    expect(count("SELECT count(*) AS n FROM jobs")).toBe(shape.jobs + open + 2);
    expect(built.manifest.written).toMatchObject({ cases: CASES, events, decisions: shape.decisions });
  });

  it("writes a few consults, mediation contacts and SEV1 pages per case, which the case summary shows", () => {
    const perCase = (table: string) => count(`SELECT count(*) AS n FROM ${table}`) / CASES;
    expect(perCase("consults")).toBeGreaterThan(0.1);
    expect(perCase("consults")).toBeLessThan(0.3);
    expect(perCase("mediation_entries")).toBeGreaterThan(0.15);
    expect(perCase("mediation_entries")).toBeLessThan(0.45);
    expect(count("SELECT count(*) AS n FROM pages")).toBe(
      count("SELECT count(*) AS n FROM cases WHERE severity = 'sev1'"),
    );
    const humanId = database.sqlite
      .prepare(
        "SELECT c.human_id FROM cases c JOIN consults k ON k.case_id = c.id JOIN mediation_entries m ON m.case_id = c.id LIMIT 1",
      )
      .pluck()
      .get() as string;
    const record = getCaseByHumanId(database.db, humanId);
    const snapshot = record && loadCaseSnapshot(database.db, record, Date.now(), "Europe/Berlin");
    expect(snapshot?.consults.length).toBeGreaterThan(0);
    expect(snapshot?.mediation.length).toBeGreaterThan(0);
  });

  it("keeps a case with an open consult waiting on it, as requestConsult does", () => {
    const mismatched = count(
      "SELECT count(*) AS n FROM cases c WHERE (c.status = 'waiting_consult') <> EXISTS (SELECT 1 FROM consults k WHERE k.case_id = c.id AND k.status = 'open')",
    );
    expect(count("SELECT count(*) AS n FROM consults WHERE status = 'open'")).toBeGreaterThan(0);
    expect(mismatched).toBe(0);
  });

  it("writes an on-call schedule the product's on-call reads accept, with someone on call now", () => {
    const schedule = loadSchedule(database.db, loadCalendar(database.db, "Europe/Berlin"), Date.now());
    expect(whoIsOnCall(schedule, Date.now())?.primary).toMatch(/^U0/);
  });

  it("leaves no job due: a bot started on the file has no backlog to run, and its start-up SLA checks are taken", () => {
    expect(count(`SELECT count(*) AS n FROM jobs WHERE done_at IS NULL AND run_at <= ${Date.now()}`)).toBe(0);
    const openWithoutStartupCheck = count(
      "SELECT count(*) AS n FROM cases c WHERE c.status <> 'closed' AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.idempotency_key = 'sla.check:' || c.id || ':startup')",
    );
    expect(openWithoutStartupCheck).toBe(0);
    // Which is what the start-up sweep queues: it is recorded done, so a start does not walk every case id again.
    const sweep = database.sqlite.prepare("SELECT done_at FROM jobs WHERE idempotency_key = 'sla.sweep:startup:0'");
    expect(sweep.get()).toEqual({ done_at: expect.any(Number) });
  });

  it("keeps each case's SLA facts as appendEvent would have folded them from its stored timeline", () => {
    const ids = database.sqlite.prepare("SELECT id FROM cases ORDER BY id").pluck().all() as number[];
    const kept = slaFactsOfCases(database.db, ids);
    const through = new Map(
      (
        database.sqlite.prepare("SELECT case_id, through_seq FROM sla_facts").raw().all() as Array<[number, number]>
      ).map((r) => r),
    );
    for (const id of ids) {
      const events = eventsOfCase(database.db, id).map((e) => ({
        ...e,
        facts: slaFactsOfEvent({ ...e, payload: JSON.parse(e.payload) }),
      }));
      const withFacts = events.filter((e) => e.facts.length > 0);
      expect(kept.get(id), `case ${id}`).toEqual(relevantSlaFacts(withFacts.flatMap((e) => e.facts)));
      expect(through.get(id), `case ${id}`).toBe(withFacts.at(-1)?.seq);
    }
  });

  it("watches the SLA of open cases only: closing a case forgets its watch row", () => {
    expect(
      count("SELECT count(*) AS n FROM sla_watch w JOIN cases c ON c.id = w.case_id WHERE c.status = 'closed'"),
    ).toBe(0);
    expect(count("SELECT count(*) AS n FROM sla_watch")).toBe(
      count("SELECT count(*) AS n FROM cases WHERE status <> 'closed'"),
    );
  });

  it("closes about 95 % of cases and leaves most jobs done", () => {
    const closed = count("SELECT count(*) AS n FROM cases WHERE status = 'closed'") / CASES;
    expect(closed).toBeGreaterThanOrEqual(0.93);
    expect(closed).toBeLessThanOrEqual(0.97);
    expect(count("SELECT count(*) AS n FROM jobs WHERE done_at IS NOT NULL") / shape.jobs).toBeGreaterThan(0.9);
  });

  it("gives one account its share of decisions and one case its long timeline", () => {
    const heavy = count(
      "SELECT count(*) AS n FROM decisions JOIN accounts ON accounts.id = decisions.account_id WHERE account_ref = 'pro_000000'",
    );
    expect(heavy).toBe(built.manifest.heavyAccount.decisions);
    expect(heavy).toBeGreaterThanOrEqual(shape.heavyAccountDecisions);
    const longCase = getCaseByHumanId(database.db, built.manifest.longCase);
    expect(longCase && eventsOfCase(database.db, longCase.id)).toHaveLength(shape.longCaseEvents);
  });

  it("chains superseding decisions to an earlier decision of the same account, which strikes then skip", () => {
    const superseding = database.sqlite
      .prepare(
        "SELECT d.account_id AS account, s.account_id AS supersededAccount, s.id AS superseded FROM decisions d JOIN decisions s ON s.id = d.supersedes_decision_id",
      )
      .all() as Array<{ account: number; supersededAccount: number; superseded: number }>;
    expect(superseding.length).toBeGreaterThan(0);
    for (const row of superseding) expect(row.account).toBe(row.supersededAccount);
    const [first] = superseding;
    const standing = first ? standingDecisionsOfAccount(database.db, first.account, 0).map((d) => d.id) : [];
    expect(standing).not.toContain(first?.superseded);
  });

  it("builds the same bytes from the same size, and reuses the cached file", () => {
    const again = mkdtempSync(join(tmpdir(), "incident-desk-scale-"));
    try {
      const second = buildScaleDatabase(CASES, again);
      const lastHash = (handle: DatabaseHandle) =>
        handle.sqlite.prepare("SELECT hash FROM case_events ORDER BY id DESC LIMIT 1").pluck().get();
      const other = openDatabase(second.path);
      expect(lastHash(other)).toBe(lastHash(database));
      other.close();
      expect(buildScaleDatabase(CASES, again).reused).toBe(true);
      expect(second.reused).toBe(false);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});
