/**
 * `npm run backup -- --out DIR [--keep N]`: a consistent copy of the live database (SQLite's online backup
 * API) and of the evidence files it holds, with a manifest of hashes, in a new folder of DIR. Safe while the
 * bot runs. Reads DATABASE_PATH and EVIDENCE_DIR (environment or `.env`, the bot's defaults), not loadConfig:
 * it needs no Slack settings.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { pruneBackups } from "../flows/backup/pruneBackups.ts";
import { takeBackup } from "../flows/backup/takeBackup.ts";
import { ALL_PAGES, copyDatabaseOnline, openDatabaseReadOnly } from "../store/databaseCopy.ts";
import { holdDatabase } from "../store/databaseHold.ts";
import { type CliIo, consoleIo, dataPaths, loadDotEnv } from "./cliIo.ts";

const USAGE = "usage: npm run backup -- --out DIR [--keep N]";
/**
 * Test hook: copy one page per step and, after the first page, say so and block this many ms, so a test can
 * kill -9 the process while the copy is half-way, deterministically.
 */
export const PAUSE_MID_COPY_ENV = "INCIDENT_DESK_BACKUP_TEST_PAUSE_MS";
export const PAUSED_MID_COPY = "backup: paused mid-copy (test hook)";

/** Takes the backup; resolves to the process exit code (2 for bad arguments). */
export async function runBackupCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  let outDir: string;
  let keep: number | undefined;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { out: { type: "string" }, keep: { type: "string" } },
      strict: true,
      allowPositionals: false,
    });
    const out = values.out ?? env.BACKUP_DIR;
    if (!out) throw new TypeError("--out is required (or BACKUP_DIR)");
    outDir = resolve(out);
    keep = values.keep === undefined ? undefined : Number(values.keep);
    if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) throw new TypeError("--keep must be 1 or more");
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    io.err(`incident-desk backup: ${error.message.split("\n")[0]} ${USAGE}`);
    return 2;
  }
  const { databasePath, evidenceDir } = dataPaths(env);
  if (!existsSync(databasePath)) {
    io.err(`incident-desk backup: no database at ${databasePath} (set DATABASE_PATH)`);
    return 1;
  }
  const hold = holdDatabase(databasePath);
  if (!hold) {
    io.err(`incident-desk backup: ${databasePath} is being restored; back up after the restore`);
    return 1;
  }
  const source = openDatabaseReadOnly(databasePath);
  try {
    const pauseMs = Number(env[PAUSE_MID_COPY_ENV] ?? 0);
    const { path, manifest } = await takeBackup({
      // Its own process may copy in one step (one read transaction, never restarted by a bot's writes), or one
      // page a step when a test pauses it mid-copy.
      copyDatabase: (destination) =>
        copyDatabaseOnline(source.db, destination, {
          pagesPerStep: pauseMs > 0 ? 1 : ALL_PAGES,
          afterStep: pauseMs > 0 ? pauseOnceMidCopy(pauseMs, io) : undefined,
        }),
      evidenceDir,
      outDir,
      now: Date.now(),
    });
    const { cases, events, evidence, blobs } = manifest.counts;
    io.out(`${path}`);
    io.out(`cases ${cases}, events ${events}, evidence entries ${evidence}, evidence files ${blobs}`);
    for (const missing of manifest.missingBlobs) io.err(`missing evidence file ${missing.sha256} (${missing.usedBy})`);
    if (keep !== undefined) {
      for (const name of await pruneBackups(outDir, keep)) io.out(`removed older backup ${name}`);
    }
    return manifest.missingBlobs.length > 0 ? 1 : 0;
  } finally {
    source.close();
    hold.release();
  }
}

function pauseOnceMidCopy(ms: number, io: CliIo): (step: { totalPages: number; remainingPages: number }) => void {
  let paused = false;
  return (step) => {
    if (paused || step.remainingPages === step.totalPages) return;
    paused = true;
    io.out(PAUSED_MID_COPY);
    // Blocking on purpose: the test kills this process here, so nothing may run meanwhile.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("src/cli/backup.ts")) {
  loadDotEnv();
  process.exitCode = await runBackupCli(process.argv.slice(2), process.env, consoleIo);
}
