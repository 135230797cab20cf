import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import * as schema from "../../db/schema.ts";
import { insertCase } from "../../src/store/cases.ts";
import { addParty, upsertAccount } from "../../src/store/parties.ts";
import { searchIds } from "../support/caseSearch.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { migrationsBefore } from "../support/migrationsBefore.ts";

const CREATED = Date.UTC(2026, 0, 15);

/** A database as it was before the migration, holding two cases and their parties. */
function databaseBeforeCaseSearch(dir: string): void {
  const sqlite = new Database(join(dir, "cases.sqlite"));
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: migrationsBefore(dir, "case_search") });
  expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'case_search'").all()).toEqual([]);
  const base = { year: 2025, categoryVersion: "v", severity: "sev3", status: "closed", source: "phone" } as const;
  const stamps = { createdBy: "U0SPEC1", createdAt: CREATED, updatedAt: CREATED };
  db.transaction((tx) => {
    const old = insertCase(tx, {
      ...base,
      ...stamps,
      humanId: "TS-2025-0417",
      seq: 417,
      category: "theft",
      title: "Ladder taken from the shed",
      description: "The customer saw the helper load the ladder into the van.",
    });
    insertCase(tx, {
      ...base,
      ...stamps,
      humanId: "TS-2025-0418",
      seq: 418,
      category: "no-show",
      title: "Nobody came",
      description: "Paid in advance.",
    });
    const reporter = upsertAccount(
      tx,
      { accountRef: "cus_7070", role: "customer", displayName: "Ines Alvarez" },
      CREATED,
    );
    addParty(tx, old.id, reporter.id, "reporter", CREATED);
  });
  sqlite.close();
}

describe("the case search migration", () => {
  let dir: string;
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("indexes the cases a database held before it, so an upgraded desk finds them", async () => {
    dir = mkdtempSync(join(tmpdir(), "case-search-migration-"));
    databaseBeforeCaseSearch(dir);
    h = await startHarness({ dir });
    expect(await searchIds(h, "ladder")).toEqual(["TS-2025-0417"]);
    expect(await searchIds(h, "Alvarez")).toEqual(["TS-2025-0417"]);
    expect(await searchIds(h, "cus_7070")).toEqual(["TS-2025-0417"]);
    expect(await searchIds(h, "advance")).toEqual(["TS-2025-0418"]);
    expect(await searchIds(h, "TS-2025-0418")).toEqual(["TS-2025-0418"]);
  });
});
