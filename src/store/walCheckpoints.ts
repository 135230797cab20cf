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
/** The WAL's size at which the worker first starts: 256 pages of 4 KiB, a quarter of what SQLite would let it reach. */
export const WORKER_AFTER_WAL_BYTES = 1024 * 1024;
/**
 * Rows inserted, updated or deleted (SQLite's total_changes()) after which the worker starts again: about as many
 * pages; the WAL file keeps its size once grown, so its size alone cannot say it fills again.
 */
export const WORKER_AFTER_CHANGES = 256;
/** Rounds with the whole WAL already checkpointed after which the worker leaves: 5 s at the usual pace. */
export const IDLE_ROUNDS_BEFORE_LEAVING = 20;
/** SQLite's own default, restored when the worker is gone (https://sqlite.org/pragma.html#pragma_wal_autocheckpoint). */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/** What the worker reports after a checkpoint that moved pages, and when it fails. */
export type CheckpointReport =
  | { kind: "started"; walBytes: number }
  | { kind: "checkpointed"; walPages: number; checkpointedPages: number; ms: number }
  | { kind: "left idle" }
  | { kind: "failed"; message: string };

export interface BackgroundCheckpoints {
  /** Stops the worker and waits for it; the connection checkpoints by itself again. */
  stop(): Promise<void>;
}

// The worker's whole program, run as CommonJS (`eval`): the same text serves the compiled bot and the TypeScript
// sources under test, and it loads better-sqlite3 from the path this module resolves. It leaves by itself (exit
// code 0) once the WAL has been wholly in the database file for `idleRounds` rounds, giving back its memory.
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
let last = { log: -1, checkpointed: -1 };
let idle = 0;
const leave = (code) => {
  clearInterval(timer);
  db.close();
  process.exit(code);
};
const timer = setInterval(() => {
  const started = performance.now();
  try {
    const [row] = db.pragma("wal_checkpoint(PASSIVE)");
    // The counts are the WAL's, not this call's: only a change is news.
    const changed = row.checkpointed !== last.checkpointed || row.log !== last.log;
    if (changed && row.checkpointed > 0) {
      report({ kind: "checkpointed", walPages: row.log, checkpointedPages: row.checkpointed, ms: performance.now() - started });
    }
    idle = !changed && row.checkpointed === row.log ? idle + 1 : 0;
    last = row;
    if (idle >= workerData.idleRounds) leave(0);
  } catch (error) {
    report(failed(error));
  }
}, workerData.everyMs);
parentPort.on("message", () => leave(0));
`;

/**
 * Moves `sqlite`'s checkpoints to a worker thread. `path` is the file `sqlite` has open (WAL mode); an in-memory
 * database has no WAL and is left as it is. The worker (about 40 ms of CPU and 10 MB to start) runs while the bot
 * writes: it starts when the connection has changed WORKER_AFTER_CHANGES rows since the worker last left, or the
 * WAL file has grown past WORKER_AFTER_WAL_BYTES and past its size then (one big transaction), and leaves after
 * IDLE_ROUNDS_BEFORE_LEAVING rounds with nothing to do; so a quiet bot, or a test that writes little, carries none.
 * The WAL file is never truncated under the bot: truncating it while the worker's fsync of it ran stalled a COMMIT
 * for 300 ms.
 */
export function checkpointInBackground(
  sqlite: Database.Database,
  path: string,
  onReport: (report: CheckpointReport) => void,
  everyMs = CHECKPOINT_EVERY_MS,
): BackgroundCheckpoints {
  if (path === ":memory:") return { stop: async () => {} };
  const walPath = `${path}-wal`;
  sqlite.pragma("wal_autocheckpoint = 0");
  let state: "waiting" | "running" | "stopped" = "waiting";
  let worker: Worker | undefined;
  // The WAL's size when the worker last left: a WAL not started over since keeps it, and is already checkpointed.
  let sizeWhenLeft = 0;
  const changesStatement = sqlite.prepare("SELECT total_changes() AS n").pluck();
  const changes = () => changesStatement.get() as number;
  let changesWhenLeft = changes();
  const fallBack = () => {
    if (state === "stopped") return;
    state = "stopped";
    clearInterval(watch);
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  };
  const startWorker = (size: number) => {
    state = "running";
    onReport({ kind: "started", walBytes: size });
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const idleRounds = IDLE_ROUNDS_BEFORE_LEAVING;
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, everyMs, idleRounds } });
    worker = started;
    started.on("message", (report: CheckpointReport) => onReport(report));
    // An error thrown in the worker arrives as a copy that may have lost its class (a SqliteError does).
    started.on("error", (error: unknown) => onReport({ kind: "failed", message: errorText(error) }));
    started.on("exit", (code) => {
      if (state !== "running" || worker !== started) return;
      worker = undefined;
      if (code !== 0) return fallBack();
      // Left idle: it starts again when the bot has written enough.
      state = "waiting";
      onReport({ kind: "left idle" });
      changesWhenLeft = changes();
      lookAtWal((size) => {
        sizeWhenLeft = size;
      });
    });
    // The worker never keeps the process alive: a bot that stops without stop() still exits.
    started.unref();
  };
  const lookAtWal = (then: (size: number) => void) => {
    try {
      then(walBytes(walPath));
    } catch (error) {
      // A WAL that cannot be looked at (permissions changed under the bot): SQLite checkpoints as it always did.
      onReport({ kind: "failed", message: errorText(error) });
      fallBack();
    }
  };
  const watch = setInterval(() => {
    if (state !== "waiting") return;
    lookAtWal((size) => {
      const written = changes() - changesWhenLeft >= WORKER_AFTER_CHANGES;
      if (written || (size >= WORKER_AFTER_WAL_BYTES && size > sizeWhenLeft)) startWorker(size);
    });
  }, everyMs).unref();
  return {
    stop: async () => {
      clearInterval(watch);
      const running = worker;
      // Asked to leave, not left idle: the exit is not reported as such.
      worker = undefined;
      if (state === "running" && running) {
        const exited = new Promise((resolve) => running.once("exit", resolve));
        // Held while we wait: an unref'd worker alone would let the process end with the stop still pending.
        running.ref();
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
