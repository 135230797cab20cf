import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import { PAUSE_MID_COPY_ENV, PAUSED_MID_COPY, runBackupCli } from "../src/cli/backup.ts";
import { runRestoreCli } from "../src/cli/restore.ts";
import { readManifest } from "../src/flows/backup/backupManifest.ts";
import { listBackups } from "../src/flows/backup/pruneBackups.ts";
import { type SlackFake, startSlackFake } from "./slack-fake/index.ts";
import { addEvidenceFile, dataEnv, restoreArgs, runTool, type SpawnedTool, spawnTool } from "./support/backups.ts";
import { type Harness, SIGNING_SECRET, startHarness, USERS } from "./support/harness.ts";
import { intakeValues, submitIntake } from "./support/intake.ts";
import { freePort, spawnBot, untilHealthy } from "./support/spawnBot.ts";

// A start is seconds even on a busy 2-core machine; these cap a process that never comes, nothing waits them out.
const PROCESS_BOUND_MS = 90_000;
const TEST_TIMEOUT_MS = 3 * PROCESS_BOUND_MS;
const YEAR = 2026;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + PROCESS_BOUND_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

describe("backup and restore as separate processes", () => {
  let work: string;
  let backups: string;
  let tools: SpawnedTool[];

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "incident-desk-processes-"));
    backups = join(work, "backups");
    tools = [];
  });
  afterEach(async () => {
    for (const tool of tools) {
      tool.child.kill("SIGKILL");
      await tool.exited;
    }
    rmSync(work, { recursive: true, force: true });
  });

  const start = (name: string, argv: string[], env: Record<string, string | undefined>) => {
    const tool = spawnTool(name, argv, env);
    tools.push(tool);
    onTestFailed(() => console.error(`--- output of ${name} ---\n${tool.output()}`));
    return tool;
  };
  const restoreInto = (from: string, name: string) => runTool(runRestoreCli, restoreArgs(from, work, name));

  describe("with the bot serving requests", () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
      await submitIntake(h, intakeValues());
    });
    afterEach(() => h.close());

    it(
      "takes a backup while intakes and evidence arrive that restores with every chain and evidence hash verified",
      async () => {
        const backup = start("backup", ["--out", backups], dataEnv(h));
        let written = 0;
        let exit: { code: number | null } | undefined;
        void backup.exited.then((ended) => {
          exit = ended;
        });
        // Writes run until the process ends, so some land before, during and after its copy.
        while (!exit) {
          await submitIntake(h, intakeValues({ title: `Report ${written}` }));
          await addEvidenceFile(h, `TS-${YEAR}-0001`, Buffer.from(`evidence bytes ${written}`));
          written++;
        }
        expect(exit.code).toBe(0);
        const [name] = await listBackups(backups);
        const manifest = await readManifest(join(backups, name ?? ""));
        expect(manifest.counts.cases).toBeGreaterThan(1);
        expect(manifest.counts.blobs).toBe(manifest.counts.evidenceFiles);

        const run = await restoreInto(backups, "restored");
        expect(run.code, run.err.join("\n")).toBe(0);
        expect(run.out).toContain(`Cases: ${manifest.counts.cases}, chains verified: ${manifest.counts.cases}`);
        const { blobs } = manifest.counts;
        expect(run.out).toContain(
          `Evidence entries: ${manifest.counts.evidence}, files held: ${blobs}, hashes verified: ${blobs}`,
        );
      },
      TEST_TIMEOUT_MS,
    );

    it(
      "leaves the previous backup intact and no complete-looking one when a backup is killed mid-copy",
      async () => {
        expect((await runTool(runBackupCli, ["--out", backups], dataEnv(h))).code).toBe(0);
        const [previous] = await listBackups(backups);
        const previousBytes = readFileSync(join(backups, previous ?? "", "incident-desk.sqlite"));
        for (let i = 0; i < 20; i++) await submitIntake(h, intakeValues({ title: `Report ${i}` }));

        const killed = start("backup", ["--out", backups], { ...dataEnv(h), [PAUSE_MID_COPY_ENV]: "120000" });
        await until(() => killed.output().includes(PAUSED_MID_COPY), "the backup to pause mid-copy");
        killed.child.kill("SIGKILL");
        expect((await killed.exited).signal).toBe("SIGKILL");

        const partials = readdirSync(backups).filter((entry) => entry.startsWith(".partial-"));
        expect(partials).toHaveLength(1);
        expect(existsSync(join(backups, partials[0] ?? "", "incident-desk.sqlite"))).toBe(true);
        expect(await listBackups(backups)).toEqual([previous]);
        expect(readFileSync(join(backups, previous ?? "", "incident-desk.sqlite")).equals(previousBytes)).toBe(true);
        const run = await restoreInto(backups, "restored");
        expect(run.code, run.err.join("\n")).toBe(0);
        expect(run.out).toContain("Cases: 1, chains verified: 1");
      },
      TEST_TIMEOUT_MS,
    );
  });

  describe("with the bot as its own process", () => {
    let fake: SlackFake;
    beforeEach(async () => {
      fake = await startSlackFake({
        users: [{ id: USERS.specialist, name: "spec" }],
        channels: [{ name: "ts-triage", is_private: true, members: ["UBOT"] }],
      });
    });
    afterEach(() => fake.close());

    it(
      "refuses to restore while the bot runs, and restores once it was killed (no stale lock)",
      async () => {
        const env = { DATABASE_PATH: join(work, "live", "cases.sqlite"), EVIDENCE_DIR: join(work, "live", "evidence") };
        const port = await freePort();
        const bot = spawnBot({
          SLACK_BOT_TOKEN: fake.botToken,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.url,
          TRIAGE_CHANNEL_ID: fake.channelByName("ts-triage")?.id,
          PORT: String(port),
          LOG_LEVEL: "warn",
          ...env,
        });
        onTestFailed(() => console.error(`--- output of the bot ---\n${bot.output()}`));
        try {
          await untilHealthy(bot, port, PROCESS_BOUND_MS);
          expect((await runTool(runBackupCli, ["--out", backups], env)).code).toBe(0);
          const liveBytes = readFileSync(env.DATABASE_PATH);

          const refused = await runTool(runRestoreCli, ["--from", backups], env);
          expect(refused).toMatchObject({ code: 1, err: [expect.stringMatching(/a running bot \(or backup\) holds/)] });
          expect(readFileSync(env.DATABASE_PATH).equals(liveBytes)).toBe(true);

          bot.child.kill("SIGKILL");
          await bot.exited;
          const restored = await runTool(runRestoreCli, ["--from", backups], env);
          expect(restored.code, restored.err.join("\n")).toBe(0);
          expect(restored.out).toContainEqual(expect.stringMatching(/^The database that was there is kept at /));
        } finally {
          bot.child.kill("SIGKILL");
          await bot.exited;
        }
      },
      TEST_TIMEOUT_MS,
    );
  });
});
