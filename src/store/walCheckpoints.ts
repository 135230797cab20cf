/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever COMMIT pushes the WAL
 * past 1,000 pages (https://sqlite.org/wal.html#automatic_checkpoint): that commit copies the pages back into the
 * database file and fsyncs both files, which held an intake's ack for 100–500 ms at 50 intakes a second. The bot
 * turns it off on its connection and a worker thread, on a connection of its own, runs PASSIVE checkpoints
 * instead: they never take a lock a writer waits for (https://sqlite.org/c3ref/wal_checkpoint_v2.html), so commits
 * only append to the WAL. If the worker stops for any reason the connection checkpoints by itself again, so the
 * WAL never grows without bound.
 */
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/** How often the worker checkpoints: a busy bot writes a few thousand pages a second; reads search the WAL's index. */
export const CHECKPOINT_EVERY_MS = 250;
/** The WAL's size at which the worker starts: 256 pages of 4 KiB, a quarter of what SQLite would let it reach. */
export const WORKER_AFTER_WAL_BYTES = 1024 * 1024;
/** SQLite's own default, restored when the worker is gone (https://sqlite.org/pragma.html#pragma_wal_autocheckpoint). */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/** What the worker reports after a checkpoint that moved pages, and when it fails. */
export type CheckpointReport =
  | { kind: "checkpointed"; walPages: number; checkpointedPages: number; ms: number }
  | { kind: "failed"; message: string };

export interface BackgroundCheckpoints {
  /** Stops the worker and waits for it; the connection checkpoints by itself again. */
  stop(): Promise<void>;
}

// The worker's whole program, run as CommonJS (`eval`): the same text serves the compiled bot and the TypeScript
// sources under test, and it loads better-sqlite3 from the path this module resolves.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const report = (message) => parentPort.postMessage(message);
const failed = (error) => ({ kind: "failed", message: String(error && error.message ? error.message : error) });
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
} catch (error) {
  // Said here: an error thrown out of a worker reaches the bot without its message (a SqliteError's is not copied).
  report(failed(error));
  process.exit(1);
}
let last = { log: 0, checkpointed: 0 };
const timer = setInterval(() => {
  const started = performance.now();
  try {
    const [row] = db.pragma("wal_checkpoint(PASSIVE)");
    // The counts are the WAL's, not this call's: only a change is news.
    if (row.checkpointed > 0 && (row.checkpointed !== last.checkpointed || row.log !== last.log)) {
      report({ kind: "checkpointed", walPages: row.log, checkpointedPages: row.checkpointed, ms: performance.now() - started });
    }
    last = row;
  } catch (error) {
    report(failed(error));
  }
}, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves `sqlite`'s checkpoints to a worker thread. `path` is the file `sqlite` has open (WAL mode); an in-memory
 * database has no WAL and is left as it is. The worker (about 40 ms of CPU to start) starts once the WAL first
 * holds WORKER_AFTER_WAL_BYTES, so a bot, or a test, that writes little never pays for it.
 */
export function checkpointInBackground(
  sqlite: Database.Database,
  path: string,
  onReport: (report: CheckpointReport) => void,
  everyMs = CHECKPOINT_EVERY_MS,
): BackgroundCheckpoints {
  if (path === ":memory:") return { stop: async () => {} };
  sqlite.pragma("wal_autocheckpoint = 0");
  let state: "waiting" | "running" | "stopped" = "waiting";
  let worker: Worker | undefined;
  const fallBack = () => {
    if (state === "stopped") return;
    state = "stopped";
    clearInterval(watch);
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  };
  const startWorker = () => {
    state = "running";
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, everyMs } });
    worker.on("message", (report: CheckpointReport) => onReport(report));
    // An error thrown in the worker arrives as a copy that may have lost its class (a SqliteError does).
    worker.on("error", (error: unknown) => onReport({ kind: "failed", message: errorText(error) }));
    worker.on("exit", fallBack);
    // The worker never keeps the process alive: a bot that stops without stop() still exits.
    worker.unref();
  };
  const watch = setInterval(() => {
    if (state !== "waiting") return;
    try {
      if (walBytes(`${path}-wal`) >= WORKER_AFTER_WAL_BYTES) startWorker();
    } catch (error) {
      // A WAL that cannot be looked at (permissions changed under the bot): SQLite checkpoints as it always did.
      onReport({ kind: "failed", message: errorText(error) });
      fallBack();
    }
  }, everyMs).unref();
  return {
    stop: async () => {
      clearInterval(watch);
      const running = worker;
      if (state === "running" && running) {
        const exited = new Promise((resolve) => running.once("exit", resolve));
        running.postMessage("stop");
        await exited;
      }
      fallBack();
    },
  };
}

/** The WAL file's size; 0 before SQLite has created it. */
function walBytes(walPath: string): number {
  try {
    return statSync(walPath).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}
