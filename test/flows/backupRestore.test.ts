import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBackupCli } from "../../src/cli/backup.ts";
import { runRestoreCli } from "../../src/cli/restore.ts";
import { hashFile, readManifest } from "../../src/flows/backup/backupManifest.ts";
import { listBackups } from "../../src/flows/backup/pruneBackups.ts";
import { takeDatabaseExclusively } from "../../src/store/databaseHold.ts";
import { addEvidenceFile, blobFilesOf, dataEnv, restoreArgs, runTool } from "../support/backups.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

const YEAR = new Date(Date.UTC(2026, 10, 25)).getUTCFullYear();

describe("npm run backup and npm run restore", () => {
  let h: Harness;
  let work: string;
  let backups: string;

  beforeEach(async () => {
    h = await startHarness();
    work = mkdtempSync(join(tmpdir(), "incident-desk-backup-"));
    backups = join(work, "backups");
    await submitIntake(h, intakeValues());
    await submitIntake(h, intakeValues({ title: "Second report" }));
    await addEvidenceFile(h, `TS-${YEAR}-0001`, Buffer.from("first evidence bytes"));
  });
  afterEach(async () => {
    await h.close();
    rmSync(work, { recursive: true, force: true });
  });

  const backup = () => runTool(runBackupCli, ["--out", backups], dataEnv(h));
  const restoreTo = (from: string, name = "restored") => runTool(runRestoreCli, restoreArgs(from, work, name));

  it("writes a manifest with the hash and size of every file and the record's counts", async () => {
    const run = await backup();
    expect(run.code, run.err.join("\n")).toBe(0);
    const [name] = await listBackups(backups);
    const manifest = await readManifest(join(backups, name ?? ""));
    expect(manifest.counts).toEqual({ cases: 2, events: expect.any(Number), evidence: 1, evidenceFiles: 1, blobs: 1 });
    expect(manifest.schemaVersion).toMatch(/^\d{4}_/);
    expect(manifest.tool).toEqual({ name: "incident-desk", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(manifest.files.map((f) => f.path)).toEqual(["incident-desk.sqlite", expect.stringMatching(/^evidence\//)]);
  });

  it("restores a backup to a database whose chains and evidence hashes all verify", async () => {
    expect((await backup()).code).toBe(0);
    const run = await restoreTo(backups);
    expect(run.code, run.err.join("\n")).toBe(0);
    expect(run.out).toContain("Cases: 2, chains verified: 2");
    expect(run.out).toContain("Evidence entries: 1, files held: 1, hashes verified: 1");
    const restored = new Database(join(work, "restored", "cases.sqlite"), { readonly: true });
    expect(restored.prepare("SELECT count(*) AS n FROM cases").get()).toEqual({ n: 2 });
    restored.close();
  });

  it("refuses a backup whose evidence file differs from the manifest, and touches nothing", async () => {
    expect((await backup()).code).toBe(0);
    const [name] = await listBackups(backups);
    const [blob] = blobFilesOf(join(backups, name ?? ""));
    appendFileSync(blob ?? "", "tampered");
    const run = await restoreTo(backups);
    expect(run.code).toBe(1);
    expect(run.err.join("\n")).toMatch(/backup damaged, nothing restored: evidence\/.+ SHA-256 does not match/);
    expect(existsSync(join(work, "restored", "cases.sqlite"))).toBe(false);
    expect(existsSync(join(work, "restored", "evidence"))).toBe(false);
  });

  it("refuses a backup whose database file differs from the manifest, keeping the database in place", async () => {
    expect((await backup()).code).toBe(0);
    const [name] = await listBackups(backups);
    const target = join(work, "restored", "cases.sqlite");
    expect((await restoreTo(backups)).code).toBe(0);
    const before = readFileSync(target);
    const copy = join(backups, name ?? "", "incident-desk.sqlite");
    const bytes = readFileSync(copy);
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 0xff;
    writeFileSync(copy, bytes);
    expect(await restoreTo(join(backups, name ?? ""), "restored")).toMatchObject({
      code: 1,
      err: [expect.stringMatching(/incident-desk\.sqlite SHA-256 does not match the manifest/)],
    });
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  it("restores but fails, naming the case, when a timeline in the backup was altered", async () => {
    expect((await backup()).code).toBe(0);
    const [name] = await listBackups(backups);
    const folder = join(backups, name ?? "");
    const copy = new Database(join(folder, "incident-desk.sqlite"));
    const triggers = copy.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'case_events'");
    for (const { name: trigger } of triggers.all() as { name: string }[]) copy.exec(`DROP TRIGGER "${trigger}"`);
    copy.prepare("UPDATE case_events SET actor = 'U0SOMEONE' WHERE seq = 1 AND case_id = 2").run();
    copy.close();
    // The manifest is rewritten to match, as someone altering the record on purpose would.
    const manifest = await readManifest(folder);
    const database = manifest.files[0];
    if (database) Object.assign(database, await hashFile(join(folder, "incident-desk.sqlite")));
    writeFileSync(join(folder, "manifest.json"), JSON.stringify(manifest));
    const run = await restoreTo(folder);
    expect(run.code).toBe(1);
    expect(run.out).toContain("Cases: 2, chains verified: 1");
    expect(run.err).toContain(`FAILED: TS-${YEAR}-0002: timeline chain broken at event #1 (hash does not match)`);
  });

  it("refuses to restore over the database of a running bot", async () => {
    expect((await backup()).code).toBe(0);
    const run = await runTool(runRestoreCli, ["--from", backups], dataEnv(h));
    expect(run).toMatchObject({
      code: 1,
      err: [expect.stringMatching(/a running bot \(or backup\) holds .*: stop it/)],
    });
  });

  it("keeps a bot from starting on a database a restore holds", async () => {
    const path = join(work, "held", "cases.sqlite");
    mkdirSync(join(work, "held"));
    const hold = takeDatabaseExclusively(path);
    expect(hold).toBeDefined();
    await expect(startHarness({ env: { DATABASE_PATH: path } })).rejects.toThrow(/is being restored/);
    hold?.release();
  });
});
