import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuiltDatabase, buildScaleDatabase } from "../../bench/scale/buildDatabase.ts";
import { scaleShape } from "../../bench/scale/scaleShape.ts";
import { verifyChain } from "../../src/core/auditHash.ts";
import { getCaseByHumanId } from "../../src/store/cases.ts";
import { type DatabaseHandle, openDatabase } from "../../src/store/database.ts";
import { eventsOfCase, toStoredEvent } from "../../src/store/events.ts";
import { standingDecisionsOfAccount } from "../../src/store/sanctions.ts";

const CASES = 200;
const shape = scaleShape(CASES);
let dir: string;
let built: BuiltDatabase;
let database: DatabaseHandle;

const count = (sql: string): number => (database.sqlite.prepare(sql).get() as { n: number }).n;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "incident-desk-scale-"));
  built = buildScaleDatabase(CASES, dir);
  database = openDatabase(built.path);
});

afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the scale database builder", () => {
  it("writes a hash chain for every case that the product's verify accepts", () => {
    const caseIds = database.sqlite.prepare("SELECT id FROM cases ORDER BY id").pluck().all() as number[];
    expect(caseIds).toHaveLength(CASES);
    const broken = caseIds
      .map((id) => ({ id, verdict: verifyChain(eventsOfCase(database.db, id).map(toStoredEvent)) }))
      .filter(({ verdict }) => !verdict.ok);
    expect(broken).toEqual([]);
  });

  it("keeps the issue's ratios: 10 events, 1.5 evidence entries, 0.175 decisions and 3 jobs per case", () => {
    expect(count("SELECT count(*) AS n FROM case_events")).toBe(shape.events);
    expect(count("SELECT count(*) AS n FROM evidence")).toBe(shape.evidence);
    expect(count("SELECT count(*) AS n FROM evidence_files")).toBe(shape.evidence);
    expect(count("SELECT count(*) AS n FROM decisions")).toBe(shape.decisions);
    expect(count("SELECT count(*) AS n FROM jobs")).toBe(shape.jobs);
    expect(count("SELECT count(*) AS n FROM sla_watch")).toBe(CASES);
    expect(built.manifest.written).toMatchObject({ cases: CASES, events: shape.events, decisions: shape.decisions });
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
