import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunResult } from "better-sqlite3";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "../../db/schema.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A database handle or an open transaction: every store function takes either. */
export type Executor = BaseSQLiteDatabase<"sync", RunResult, typeof schema>;

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/**
 * How long a write waits, blocking the event loop, for another process's write lock. Our own write
 * transactions hold it for a few ms; SQLite's busy handler re-tries at 1, 3, 8 and 18 ms, so 20 ms lets
 * such a transaction (ours or a second bot's) finish, while a longer holder (a `sqlite3` shell, an import)
 * costs each request 20 ms, one interactive reply's budget, instead of freezing the bot.
 */
export const BUSY_TIMEOUT_MS = 20;

/**
 * SQLite's page cache per connection, in KiB. better-sqlite3 builds SQLite with 16 MB
 * (SQLITE_DEFAULT_CACHE_SIZE=-16000, its docs/compilation.md), resident in the bot once reads have filled
 * it; a page missed here is read from the OS page cache, which holds the file anyway and is not the bot's
 * RSS. 4 MiB keeps the interior pages of the hot indexes; the scale bench's reads spent no more CPU with it.
 */
export const PAGE_CACHE_KIB = 4096;

export const MIGRATIONS = fileURLToPath(new URL("../../db/migrations", import.meta.url));
const DAY_MS = 24 * 60 * 60 * 1000;

/** Opens (creating the folder if needed) and migrates the SQLite file. */
export function openDatabase(path: string): DatabaseHandle {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma("synchronous = NORMAL");
  // A negative cache_size is in KiB (https://sqlite.org/pragma.html#pragma_cache_size).
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  // Reads through read(), not a memory map (https://sqlite.org/mmap.html): mapped pages of the file count in
  // the process's RSS (RssFile, proc(5)). 0 is the build's default, stated so that a new build cannot change it.
  sqlite.pragma("mmap_size = 0");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  // Planner statistics kept current, as https://sqlite.org/pragma.html#pragma_optimize advises for long-lived
  // connections: 0x10002 at open (every table, cheap: SQLite caps the analysis), then daily and at close.
  optimizeUnlessBusy(sqlite, "optimize=0x10002");
  const daily = setInterval(() => optimizeUnlessBusy(sqlite, "optimize"), DAY_MS).unref();
  const close = () => {
    clearInterval(daily);
    // A connection already closed (the health check's test closes it under the app) has nothing to optimize.
    if (!sqlite.open) return;
    optimizeUnlessBusy(sqlite, "optimize");
    // Folds the WAL into the database file and empties it, so a copy of the file alone is whole after a stop.
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.close();
  };
  return { db, sqlite, close };
}

/**
 * `PRAGMA optimize` may write planner statistics, so it needs the write lock: while another process holds it
 * (the bot, for a CLI opening the same file), the statistics wait for the next chance rather than failing the open.
 */
function optimizeUnlessBusy(sqlite: Database.Database, pragma: string): void {
  try {
    sqlite.pragma(pragma);
  } catch (error) {
    if (!isDatabaseBusy(error)) throw error;
  }
}

/**
 * One write transaction; BEGIN IMMEDIATE takes the write lock first, so a busy database fails at BEGIN
 * (see isDatabaseBusy), before any work, and never half-way.
 */
export function inTransaction<T>(db: Db, work: (tx: Executor) => T): T {
  const started = performance.now();
  try {
    return db.transaction(onHandle(db, work), { behavior: "immediate" });
  } finally {
    writeObservers.get(db)?.(performance.now() - started);
  }
}

/** Who hears how long each write transaction took on a handle (the bot's metrics). */
const writeObservers = new WeakMap<Db, (ms: number) => void>();

/**
 * Calls `observe` with the duration of every write transaction on `db`, committed or not: each one holds the
 * event loop and the write lock from BEGIN to COMMIT.
 */
export function observeWriteTransactions(db: Db, observe: (ms: number) => void): void {
  writeObservers.set(db, observe);
}

/** Each open transaction's handle: drizzle keeps the connection private, and prepared statements belong to one. */
const handleOfTransaction = new WeakMap<Executor, Db>();

/** `work` as a transaction body that first names `db` as its transaction's handle (see databaseOf). */
const onHandle =
  <T>(db: Db, work: (tx: Executor) => T) =>
  (tx: Executor): T => {
    handleOfTransaction.set(tx, db);
    return work(tx);
  };

/**
 * The database handle an executor runs on: the handle itself, or the one whose transaction it is; undefined
 * for a transaction opened without inTransaction or inReadSnapshot (a test's or a bench builder's own).
 */
export function databaseOf(executor: Executor): Db | undefined {
  if ("$client" in executor) return executor as Db;
  return handleOfTransaction.get(executor);
}

/**
 * One read snapshot: every query inside sees the same committed state, and under WAL it keeps no writer
 * waiting, so a long read (a month's report) never holds up a command's transaction.
 */
export function inReadSnapshot<T>(db: Db, work: (tx: Executor) => T): T {
  return db.transaction(onHandle(db, work), { behavior: "deferred" });
}

export function databaseAnswers(db: Db): boolean {
  try {
    return db.get<{ ok: number }>(sql`SELECT 1 AS ok`)?.ok === 1;
  } catch {
    return false;
  }
}

/**
 * Whether a failure is another connection holding the write lock past BUSY_TIMEOUT_MS: nothing was
 * written, and the same work can simply run again later (https://www.sqlite.org/rescode.html#busy).
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof Database.SqliteError) return error.code.startsWith("SQLITE_BUSY");
  // Drizzle wraps a failed statement in its own error, with the driver's as the cause.
  return error instanceof Error && error.cause !== undefined && isDatabaseBusy(error.cause);
}
