import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runRestoreCli } from "../../src/cli/restore.ts";
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
    // The job and intakes share one connection: the intakes land between the copy's steps.
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
