import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { type SlackFake, startSlackFake } from "./slack-fake/index.ts";
import { SIGNING_SECRET } from "./support/harness.ts";
import { COMPILED_MAIN, freePort, type SpawnedBot, spawnBot, untilHealthy } from "./support/spawnBot.ts";

const ROOT = new URL("..", import.meta.url).pathname;
// tsc emits about 220 files; a busy 2-core machine may take a minute. The bounds only cap a hang.
const BUILD_BOUND_MS = 180_000;
const START_BOUND_MS = 30_000;

interface Journal {
  entries: Array<{ tag: string }>;
}

/** The spec of `npm ci` then `npm start`: what `prepare` builds is what an operator's process runs. */
describe("npm run build", () => {
  let fake: SlackFake;
  let dir: string;
  let bot: SpawnedBot | undefined;

  beforeAll(async () => {
    await promisify(execFile)("npm", ["run", "build"], { cwd: ROOT, timeout: BUILD_BOUND_MS });
    fake = await startSlackFake({ channels: [{ name: "ts-triage", is_private: true, members: ["UBOT"] }] });
    dir = mkdtempSync(join(tmpdir(), "incident-desk-build-"));
  }, BUILD_BOUND_MS + 10_000);
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
      bot = spawnBot(
        {
          SLACK_BOT_TOKEN: fake.botToken,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.url,
          TRIAGE_CHANNEL_ID: fake.channelByName("ts-triage")?.id,
          DATABASE_PATH: databasePath,
          PORT: String(port),
        },
        { compiled: true },
      );
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
