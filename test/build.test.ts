import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { type SlackFake, startSlackFake } from "./slack-fake/index.ts";
import { SIGNING_SECRET } from "./support/harness.ts";
import { COMPILED_MAIN, freePort, type SpawnedBot, spawnBot, untilHealthy } from "./support/spawnBot.ts";

const ROOT = new URL("..", import.meta.url).pathname;
// The bound only caps a hang.
const START_BOUND_MS = 30_000;

interface PackageJson {
  scripts: Record<string, string>;
}

interface Journal {
  entries: Array<{ tag: string }>;
}

/**
 * The spec of `npm ci` then `npm start`: what `prepare` builds is what an operator's process runs. dist/ is built
 * by `npm ci` and, when a source changed since, by the tests' global setup (test/support/compiledBuild.ts).
 */
describe("npm run build", () => {
  it("emits the file of every script that runs node on dist/", () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as PackageJson).scripts;
    const entries = Object.values(scripts).flatMap((script) => script.match(/dist\/\S+\.js/g) ?? []);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(entries.filter((entry) => !existsSync(join(ROOT, entry)))).toEqual([]);
  });

  let fake: SlackFake;
  let dir: string;
  let bot: SpawnedBot | undefined;

  beforeAll(async () => {
    fake = await startSlackFake({ channels: [{ name: "ts-triage", is_private: true, members: ["UBOT"] }] });
    dir = mkdtempSync(join(tmpdir(), "incident-desk-build-"));
  });
  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await bot?.exited;
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    "emits a start entry that plain node runs to a healthy bot on a database migrated from the copied migrations",
    async () => {
      const databasePath = join(dir, "cases.sqlite");
      const port = await freePort();
      bot = spawnBot({
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        TRIAGE_CHANNEL_ID: fake.channelByName("ts-triage")?.id,
        DATABASE_PATH: databasePath,
        PORT: String(port),
      });
      const running = bot;
      onTestFailed(() => console.error(`--- output of node ${COMPILED_MAIN} ---\n${running.output()}`));
      await untilHealthy(bot, port, START_BOUND_MS);

      const journal = JSON.parse(readFileSync(join(ROOT, "db/migrations/meta/_journal.json"), "utf8")) as Journal;
      const database = new Database(databasePath, { readonly: true });
      const applied = database.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
      database.close();
      expect(applied.n).toBe(journal.entries.length);
    },
    START_BOUND_MS + 10_000,
  );
});
