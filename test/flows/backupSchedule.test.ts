import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runRestoreCli } from "../../src/cli/restore.ts";
import { DATABASE_FILE } from "../../src/flows/backup/backupManifest.ts";
import { listBackups } from "../../src/flows/backup/pruneBackups.ts";
import { createLogger } from "../../src/log.ts";
import { startIncidentDesk } from "../../src/main.ts";
import { runTool } from "../support/backups.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

const HOUR = 60 * 60_000;
const LEASE_MS = 5_000;

/** Grows the database by `megabytes` of filler pages: a backup of it takes many copy steps. */
function growDatabase(h: Harness, megabytes: number): void {
  h.desk.database.sqlite.exec(`CREATE TABLE test_filler (bytes BLOB);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${megabytes * 4})
    INSERT INTO test_filler SELECT randomblob(250000) FROM n;`);
}

describe("scheduled backups (BACKUP_DIR, BACKUP_EVERY_HOURS, BACKUP_KEEP)", () => {
  let h: Harness;
  let backups: string;

  beforeEach(async () => {
    backups = mkdtempSync(join(tmpdir(), "incident-desk-scheduled-"));
    h = await startHarness({
      env: {
        BACKUP_DIR: backups,
        BACKUP_EVERY_HOURS: "1",
        BACKUP_KEEP: "2",
        JOB_LEASE_SECONDS: String(LEASE_MS / 1000),
      },
    });
  });
  afterEach(async () => {
    await h.close();
    rmSync(backups, { recursive: true, force: true });
  });

  it("takes a backup at start and each period after, keeping the newest BACKUP_KEEP", async () => {
    const taken: string[] = [];
    for (let period = 0; period < 3; period++) {
      await submitIntake(h, intakeValues({ title: `Report ${period}` }));
      await h.settle();
      taken.push((await listBackups(backups))[0] ?? "");
      h.clock.advance(HOUR);
    }
    expect(new Set(taken).size).toBe(3);
    expect(await listBackups(backups)).toEqual([taken[2], taken[1]]);
  });

  it("restores a scheduled backup taken while an intake arrives to chains that all verify", async () => {
    await submitIntake(h, intakeValues());
    // The intake lands while the copy runs: the copy holds one state of the database, whose chains all verify.
    await Promise.all([h.settle(), submitIntake(h, intakeValues({ title: "During the backup" }))]);
    const [newest] = await listBackups(backups);
    const work = mkdtempSync(join(tmpdir(), "incident-desk-restored-"));
    const run = await runTool(runRestoreCli, [
      "--from",
      join(backups, newest ?? ""),
      "--to",
      join(work, "cases.sqlite"),
      "--evidence-to",
      join(work, "evidence"),
    ]);
    rmSync(work, { recursive: true, force: true });
    expect(run.code, run.err.join("\n")).toBe(0);
    expect(run.out).toContainEqual(expect.stringMatching(/^Cases: (\d+), chains verified: \1$/));
  });

  it("finishes a backup of a database another connection writes all the while, as a second bot would", async () => {
    growDatabase(h, 8);
    const other = new Database(h.config.db.path, { timeout: 5_000 });
    other.exec("CREATE TABLE test_other_writes (at INTEGER)");
    const insert = other.prepare("INSERT INTO test_other_writes (at) VALUES (?)");
    let writing = true;
    let writes = 0;
    // A write on every turn of the event loop: between any two steps of a copy made in steps.
    const writer = (async () => {
      while (writing) {
        insert.run(writes++);
        await nextTurn();
      }
    })();
    try {
      const bound = new Promise((_, reject) =>
        setTimeout(() => reject(new Error("the backup did not finish within 15 s")), 15_000).unref(),
      );
      await Promise.race([h.settle(), bound]);
    } finally {
      writing = false;
      await writer;
      other.close();
    }
    const [newest] = await listBackups(backups);
    expect(writes).toBeGreaterThan(10);
    const copy = new Database(join(backups, newest ?? "", DATABASE_FILE), { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      copy.close();
    }
  });

  it("starts no second backup of a period when a backup outlives its job's lease and another bot claims the job", async () => {
    growDatabase(h, 8);
    // A second bot on the same file, looking for due jobs as the first copies: one look per second of its clock.
    const second = await startIncidentDesk(h.config, {
      clock: h.clock,
      log: createLogger("silent"),
      runScheduler: false,
    });
    let finished = false;
    const first = h.settle().finally(() => {
      finished = true;
    });
    let clockMoved = 0;
    try {
      while (!finished) {
        await nextTurn();
        h.clock.advance(1_000);
        clockMoved += 1_000;
        await second.scheduler.runUntilIdle();
      }
      await first;
      await second.scheduler.runUntilIdle();
    } finally {
      await second.stop();
    }
    expect(await listBackups(backups)).toHaveLength(1);
    expect(clockMoved, "the backup outlived its lease twice over").toBeGreaterThan(2 * LEASE_MS);
    expect(clockMoved, "the next period was not due yet").toBeLessThan(HOUR);
  });
});
