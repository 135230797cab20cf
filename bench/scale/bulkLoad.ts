/**
 * The standard bulk load (https://sqlite.org/lang_createindex.html: an index built once over sorted keys beats one
 * kept up row by row): after the real migrations, the secondary indexes and the INSERT triggers are dropped, the
 * rows are written, then each is recreated from the SQL the migrations left in sqlite_master and what the triggers
 * would have written is rebuilt by the migrations' own backfills. The result is checked against a migrated schema.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { MIGRATIONS, openDatabase } from "../../src/store/database.ts";

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/**
 * The statements of migration `<n>_<name>` from the one that opens with `marker` to its end: a migration's backfill
 * of an existing database, run again here so the two cannot drift. By name, not number: the lead renumbers at merge.
 */
function backfillOf(name: string, marker: string): string {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as {
    entries: Array<{ tag: string }>;
  };
  const tag = journal.entries.find((entry) => entry.tag.endsWith(`_${name}`))?.tag;
  if (tag === undefined) throw new Error(`scale: no migration named ${name} in the journal`);
  const statements = readFileSync(join(MIGRATIONS, `${tag}.sql`), "utf8").split("--> statement-breakpoint");
  const from = statements.findIndex((statement) => statement.trimStart().startsWith(marker));
  if (from < 0) throw new Error(`scale: migration ${tag} has no statement opening with "${marker}"`);
  return statements.slice(from).join("\n");
}

/**
 * Fills case_search from scratch: migration case_search's backfill. It stands in for case_search_case_inserted and
 * case_search_party_added, which file each case's document, refiled as each party arrives; the builder never
 * renames an account nor changes a case's indexed columns afterwards, so the document they leave is the view's row
 * over the finished tables.
 */
const CASE_SEARCH_BACKFILL = backfillOf("case_search", "-- An upgrade of a live database");

/**
 * Counts cases from scratch: migration case_counts's backfill, for case_counts_case_inserted. It empties the table
 * first, since the load's status updates (a consult's waiting_consult) fired case_counts_case_moved, which stays.
 */
const CASE_COUNTS_BACKFILL = backfillOf("case_counts", "-- case_counts backfill");

/** Each trigger a load's INSERTs would fire, and the statement that writes what it would have written. */
const REBUILT_AFTER_LOAD: Readonly<Record<string, string>> = {
  case_search_case_inserted: CASE_SEARCH_BACKFILL,
  case_search_party_added: CASE_SEARCH_BACKFILL,
  case_counts_case_inserted: CASE_COUNTS_BACKFILL,
};

// A trigger this misses (TEMP, IF NOT EXISTS) is merely left in place to fire row by row: slower, never wrong.
const FIRES_ON_INSERT = /^CREATE\s+TRIGGER\s+\S+\s+(?:BEFORE\s+|AFTER\s+|INSTEAD\s+OF\s+)?INSERT\s+ON\s/i;

/** Schema objects as sqlite_master holds them, by name; sqlite_stat* are ANALYZE's statistics, not the schema. */
export function schemaOf(sqlite: Database.Database): SchemaObject[] {
  return sqlite
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
    )
    .all() as SchemaObject[];
}

/** Runs `load` with the secondary indexes and INSERT triggers gone, then puts them back and fills what they fill. */
export function withoutIndexesOrInsertTriggers(sqlite: Database.Database, load: () => void): void {
  const dropped = sqlite
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY rowid")
    .all() as SchemaObject[];
  // A UNIQUE or PRIMARY KEY constraint's own index (sql NULL) cannot be dropped; it stays and is kept up. A UNIQUE
  // index dropped here still checks every row: recreating it fails on a duplicate.
  const indexes = dropped.filter((o) => o.type === "index" && o.sql !== null);
  const triggers = dropped.filter((o) => o.type === "trigger" && o.sql !== null && FIRES_ON_INSERT.test(o.sql));
  const unknown = triggers.filter((t) => REBUILT_AFTER_LOAD[t.name] === undefined).map((t) => t.name);
  if (unknown.length > 0) {
    throw new Error(
      `scale: the load would skip INSERT triggers ${unknown.join(", ")}; add what they write to REBUILT_AFTER_LOAD`,
    );
  }
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
  load();
  // Indexes first: the rebuild statements read through them (case_search_documents joins on case_parties_case).
  sqlite.transaction(() => {
    for (const index of indexes) sqlite.exec(index.sql ?? "");
  })();
  const rebuilds = new Set(triggers.map((t) => REBUILT_AFTER_LOAD[t.name] ?? ""));
  sqlite.transaction(() => {
    for (const statement of rebuilds) sqlite.exec(statement);
    for (const trigger of triggers) sqlite.exec(trigger.sql ?? "");
  })();
}

/** Throws unless the file's schema is, object for object and byte for byte, the one the migrations make. */
export function assertMigratedSchema(sqlite: Database.Database): void {
  const fresh = openDatabase(":memory:");
  const want = schemaOf(fresh.sqlite);
  fresh.close();
  const got = schemaOf(sqlite);
  const key = (o: SchemaObject) => JSON.stringify([o.type, o.name, o.tbl_name, o.sql]);
  const gotKeys = new Set(got.map(key));
  const wantKeys = new Set(want.map(key));
  const missing = want.filter((o) => !gotKeys.has(key(o))).map((o) => `${o.type} ${o.name}`);
  const extra = got.filter((o) => !wantKeys.has(key(o))).map((o) => `${o.type} ${o.name}`);
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `scale: the built schema differs from a migrated one: missing or changed [${missing.join(", ")}], extra or changed [${extra.join(", ")}]`,
    );
  }
}
