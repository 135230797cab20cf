import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/store/database.ts";
import {
  type CheckpointReport,
  checkpointInBackground,
  WORKER_AFTER_WAL_BYTES,
} from "../../src/store/walCheckpoints.ts";
import { startHarness } from "../support/harness.ts";

const PAGE_BYTES = 4096;
// SQLite's automatic checkpoint resets the WAL once it passes 1,000 pages (https://sqlite.org/wal.html).
const AUTOCHECKPOINT_PAGES = 1000;

/** Writes about `pages` pages, one commit per row, as the bot's transactions do. */
function writePages(handle: DatabaseHandle, pages: number): void {
  handle.sqlite.exec("CREATE TABLE IF NOT EXISTS filler (bytes BLOB)");
  const insert = handle.sqlite.prepare("INSERT INTO filler (bytes) VALUES (?)");
  for (let row = 0; row < pages / 4; row++) insert.run(Buffer.alloc(4 * PAGE_BYTES - 200, row % 251));
}

const autocheckpointOf = (handle: DatabaseHandle) => handle.sqlite.pragma("wal_autocheckpoint", { simple: true });

describe("WAL checkpoints in a worker thread", () => {
  let dir: string;
  let path: string;
  let handle: DatabaseHandle;
  let reports: CheckpointReport[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "incident-desk-wal-"));
    path = join(dir, "cases.sqlite");
    handle = openDatabase(path);
    reports = [];
  });
  afterEach(() => {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("leaves no checkpoint to the bot's own commits: the WAL grows past SQLite's 1,000 pages", async () => {
    // A watch that never looks within the test: only the connection's own behaviour shows.
    const checkpoints = checkpointInBackground(handle.sqlite, path, (r) => reports.push(r), 60_000);
    writePages(handle, 1600);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(1400 * PAGE_BYTES);
    expect(autocheckpointOf(handle)).toBe(0);
    await checkpoints.stop();
    expect(reports).toEqual([]);
  });

  it("checkpoints from the worker once the WAL passes 1 MiB, every page of it", async () => {
    const checkpoints = checkpointInBackground(handle.sqlite, path, (r) => reports.push(r), 20);
    writePages(handle, 1600);
    await vi.waitFor(
      () => expect(reports.some((r) => r.kind === "checkpointed" && r.checkpointedPages >= 1500)).toBe(true),
      {
        timeout: 10_000,
      },
    );
    await checkpoints.stop();
    // Another connection finds every frame already in the database file.
    const other = new Database(path);
    const [state] = other.pragma("wal_checkpoint(PASSIVE)") as Array<{ log: number; checkpointed: number }>;
    other.close();
    expect(state?.checkpointed).toBe(state?.log);
    expect(reports.filter((r) => r.kind === "failed")).toEqual([]);
  });

  it("starts no worker while the WAL stays under 1 MiB", async () => {
    const checkpoints = checkpointInBackground(handle.sqlite, path, (r) => reports.push(r), 20);
    writePages(handle, 40);
    expect(statSync(`${path}-wal`).size).toBeLessThan(WORKER_AFTER_WAL_BYTES);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await checkpoints.stop();
    expect(reports).toEqual([]);
  });

  it("leaves once the WAL is all checkpointed, and starts again when the bot has written as much again", async () => {
    const checkpoints = checkpointInBackground(handle.sqlite, path, (r) => reports.push(r), 20);
    writePages(handle, 1200);
    await vi.waitFor(() => expect(reports.map((r) => r.kind)).toContain("left idle"), { timeout: 10_000 });
    // The WAL file keeps its size until the next write, all of it checkpointed: nothing to start for.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reports.filter((r) => r.kind === "started")).toHaveLength(1);
    // A few writes start nothing: SQLite writes them over the start of the checkpointed WAL.
    writePages(handle, 40);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reports.filter((r) => r.kind === "started")).toHaveLength(1);

    writePages(handle, 1200);
    await vi.waitFor(() => expect(reports.filter((r) => r.kind === "started")).toHaveLength(2), { timeout: 10_000 });
    expect(autocheckpointOf(handle)).toBe(0);
    await checkpoints.stop();
    expect(reports.filter((r) => r.kind === "failed")).toEqual([]);
  });

  it("hands checkpoints back to SQLite when stopped", async () => {
    const checkpoints = checkpointInBackground(handle.sqlite, path, (r) => reports.push(r), 20);
    writePages(handle, 1200);
    await vi.waitFor(() => expect(reports.length).toBeGreaterThan(0), { timeout: 10_000 });
    await checkpoints.stop();
    expect(autocheckpointOf(handle)).toBe(AUTOCHECKPOINT_PAGES);
  });

  it("reports a worker that cannot open the file and hands checkpoints back to SQLite", async () => {
    // A WAL over the threshold whose database file is gone: the worker's open fails.
    const gone = join(dir, "gone.sqlite");
    writeFileSync(`${gone}-wal`, Buffer.alloc(WORKER_AFTER_WAL_BYTES));
    const checkpoints = checkpointInBackground(handle.sqlite, gone, (r) => reports.push(r), 20);
    await vi.waitFor(() => expect(autocheckpointOf(handle)).toBe(AUTOCHECKPOINT_PAGES), { timeout: 10_000 });
    expect(reports).toEqual([
      { kind: "started", walBytes: WORKER_AFTER_WAL_BYTES },
      { kind: "failed", message: expect.stringContaining("unable to open database file") },
    ]);
    await checkpoints.stop();
  });
});

describe("stopping the worker in a process with nothing else to do", () => {
  // Nothing but the stop keeps this process alive: an unreferenced worker would let it end with the stop pending.
  it("waits for the worker and ends normally", () => {
    const dir = mkdtempSync(join(tmpdir(), "incident-desk-wal-stop-"));
    const script = `
      import { openDatabase } from ${JSON.stringify(new URL("../../src/store/database.ts", import.meta.url).pathname)};
      import { checkpointInBackground } from ${JSON.stringify(new URL("../../src/store/walCheckpoints.ts", import.meta.url).pathname)};
      const path = ${JSON.stringify(join(dir, "cases.sqlite"))};
      const handle = openDatabase(path);
      let started = false;
      const checkpoints = checkpointInBackground(handle.sqlite, path, (r) => { if (r.kind === "started") started = true; }, 20);
      handle.sqlite.exec("CREATE TABLE filler (bytes BLOB)");
      const insert = handle.sqlite.prepare("INSERT INTO filler (bytes) VALUES (?)");
      for (let row = 0; row < 400; row++) insert.run(Buffer.alloc(16000, 1));
      while (!started) await new Promise((resolve) => setTimeout(resolve, 10));
      await checkpoints.stop();
      handle.close();
      console.log("stopped");
    `;
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.stderr).toBe("");
      expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({ status: 0, stdout: "stopped" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the running bot", () => {
  it("leaves its checkpoints to the worker", async () => {
    const harness = await startHarness();
    try {
      expect(harness.desk.database.sqlite.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    } finally {
      await harness.close();
    }
  });
});
