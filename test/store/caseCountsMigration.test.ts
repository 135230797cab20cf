import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.ts";
import { CASE_STATUSES, type CaseStatus, isOpenStatus } from "../../src/core/lifecycle.ts";
import { SEVERITIES } from "../../src/core/severity.ts";
import { insertCase, openCaseCountsBySeverity, updateCase } from "../../src/store/cases.ts";
import { type DatabaseHandle, openDatabase } from "../../src/store/database.ts";
import { migrationsBefore } from "../support/migrationsBefore.ts";

const CREATED = Date.UTC(2025, 5, 2);
const CASES = 60;

/** A database deployed before the counts: cases of every status and severity, some moved after intake. */
function databaseBeforeCaseCounts(path: string, dir: string): void {
  const sqlite = new Database(path);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: migrationsBefore(dir, "case_counts") });
  expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'case_counts'").all()).toEqual([]);
  db.transaction((tx) => {
    for (let i = 1; i <= CASES; i++) {
      const record = insertCase(tx, {
        humanId: `TS-2025-${String(i).padStart(4, "0")}`,
        year: 2025,
        seq: i,
        category: "theft",
        categoryVersion: "v",
        severity: SEVERITIES[i % SEVERITIES.length] ?? "sev3",
        status: "new",
        title: `Case ${i}`,
        description: "d",
        source: "phone",
        createdBy: "U0SPEC1",
        createdAt: CREATED + i,
        updatedAt: CREATED + i,
      });
      const status = CASE_STATUSES[(i * 7) % CASE_STATUSES.length] ?? "new";
      if (i % 3 !== 0) updateCase(tx, record.id, { status });
    }
  });
  sqlite.close();
}

const counts = (handle: DatabaseHandle, query: string) => handle.sqlite.prepare(query).all();
const kept = (handle: DatabaseHandle) =>
  counts(handle, "SELECT status, severity, n FROM case_counts WHERE n <> 0 ORDER BY status, severity");
const counted = (handle: DatabaseHandle) =>
  counts(handle, "SELECT status, severity, count(*) AS n FROM cases GROUP BY status, severity ORDER BY 1, 2");

describe("the case counts migration", () => {
  let dir: string;
  let handle: DatabaseHandle | undefined;
  afterEach(() => {
    handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts the cases a database held before it, and keeps counting the writes after it", () => {
    dir = mkdtempSync(join(tmpdir(), "case-counts-migration-"));
    const path = join(dir, "cases.sqlite");
    databaseBeforeCaseCounts(path, dir);
    handle = openDatabase(path);
    expect(counted(handle).length).toBeGreaterThan(10);
    expect(kept(handle)).toEqual(counted(handle));
    const open = (handle.sqlite.prepare("SELECT status FROM cases").pluck().all() as CaseStatus[]).filter(isOpenStatus);
    const queue = openCaseCountsBySeverity(handle.db);
    expect(open.length).toBeGreaterThan(0);
    expect(Object.values(queue).reduce((sum, n) => sum + n, 0)).toBe(open.length);

    // The triggers go on from the backfilled rows: a move out of a backfilled pair and into a new one.
    updateCase(handle.db, 1, { status: "closed", severity: "sev1" });
    updateCase(handle.db, 2, { status: "investigating" });
    expect(kept(handle)).toEqual(counted(handle));
  });
});
