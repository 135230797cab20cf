/**
 * The online copy of the database, with SQLite's backup API (https://sqlite.org/backup.html) as better-sqlite3
 * exposes it. `copyDatabaseOnline` copies in steps with the event loop free between them: a write through the
 * same connection is carried into the copy as it happens, a write by another connection restarts the copy, so
 * the finished file is always one consistent state of the database. `copyDatabaseInWorker` copies in one step on
 * a connection of its own in a worker thread: one snapshot, which no write restarts.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema.ts";
import { BUSY_TIMEOUT_MS, type Db } from "./database.ts";

export interface CopyStep {
  totalPages: number;
  remainingPages: number;
}

export interface CopyOptions {
  /** Pages per step: small keeps each step short inside the bot; a separate process may copy all at once. */
  pagesPerStep: number;
  /** Called between steps (a test hook may pause here). */
  afterStep?: (step: CopyStep) => void;
}

export async function copyDatabaseOnline(source: Db, destinationPath: string, options: CopyOptions): Promise<CopyStep> {
  return source.$client.backup(destinationPath, {
    progress: (step) => {
      options.afterStep?.(step);
      return options.pagesPerStep;
    },
  });
}

export interface ReadOnlyDatabase {
  db: Db;
  close(): void;
}

/** Opens a database to read only: no migrations, no writes, so a backup never changes what it copies. */
export function openDatabaseReadOnly(path: string): ReadOnlyDatabase {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  return { db: drizzle(sqlite, { schema }), close: () => sqlite.close() };
}

/** Pages per step that copy any database in one step: sqlite3_backup_step takes an int. */
export const ALL_PAGES = 0x7fffffff;

// The worker's whole program, run as CommonJS (`eval`) so the compiled bot and the TypeScript sources under test
// share it, loading better-sqlite3 from the path this module resolves (as the checkpoint worker does).
const COPY_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const failed = (error) => ({ ok: false, message: String(error && error.message ? error.message : error) });
let db;
try {
  db = new Database(workerData.source, { readonly: true, fileMustExist: true, timeout: workerData.timeoutMs });
} catch (error) {
  parentPort.postMessage(failed(error));
  process.exit(1);
}
db.backup(workerData.destination, { progress: () => workerData.allPages })
  .then((step) => parentPort.postMessage({ ok: true, step }), (error) => parentPort.postMessage(failed(error)))
  .finally(() => db.close());
`;

/**
 * Copies the database file at `sourcePath` in a worker thread, on a read-only connection of its own, in one
 * backup step: one read snapshot, so no other connection's write restarts it (a bot's copy in steps of its own
 * connection started over at every write of a second bot on the same file, and never finished under steady
 * writes), and the event loop stays free however long the copy takes. Writes meanwhile go on (WAL) but are not
 * in the copy: it is the database as it was when the step began.
 */
export function copyDatabaseInWorker(sourcePath: string, destinationPath: string): Promise<CopyStep> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(COPY_WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      source: sourcePath,
      destination: destinationPath,
      timeoutMs: BUSY_TIMEOUT_MS,
      allPages: ALL_PAGES,
    },
  });
  return new Promise<CopyStep>((resolve, reject) => {
    let answered = false;
    worker.once("message", (answer: { ok: true; step: CopyStep } | { ok: false; message: string }) => {
      answered = true;
      if (answer.ok) resolve(answer.step);
      else reject(new Error(`database copy failed: ${answer.message}`));
    });
    // An error thrown in the worker arrives as a copy that may have lost its class and message.
    worker.once("error", (error) => {
      answered = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`database copy worker exited with code ${code} before answering`));
    });
  });
}
