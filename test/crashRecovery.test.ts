import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import type { SlackFake } from "./slack-fake/index.ts";
import { SIGNING_SECRET, USERS } from "./support/harness.ts";
import { freePort, type SpawnedBot, spawnBot, untilHealthy } from "./support/spawnBot.ts";
import { openSev1CaseOn, startTriageFake, WORK_BOUND_MS, waitFor } from "./support/spawnedBotIntake.ts";

const ROOM = `ts-${new Date().getUTCFullYear()}-0001-physical-safety`;
// A cold start is 8-14 s on a busy 2-core machine; these cap a bot or a job that never comes, nothing waits them out.
const START_BOUND_MS = 90_000;
// Two cold starts and the work between them, each within its bound above.
const TEST_TIMEOUT_MS = 2 * START_BOUND_MS + 2 * WORK_BOUND_MS;
// Short, so the restarted bot may take over the killed bot's job soon; still far longer than one Slack call here.
const JOB_LEASE_SECONDS = "10";

describe("a crash between intake and war room", () => {
  let fake: SlackFake;
  let dir: string;
  let port: number;
  let bots: SpawnedBot[];

  beforeEach(async () => {
    fake = await startTriageFake();
    dir = mkdtempSync(join(tmpdir(), "incident-desk-crash-"));
    port = await freePort();
    bots = [];
  });
  afterEach(async () => {
    for (const bot of bots) {
      bot.child.kill("SIGKILL");
      await bot.exited;
    }
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the real process on the same database and port each time, and shows its output if the test fails. */
  async function startBot(): Promise<SpawnedBot> {
    const bot = spawnBot({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      TRIAGE_CHANNEL_ID: fake.channelByName("ts-triage")?.id,
      DATABASE_PATH: join(dir, "cases.sqlite"),
      EVIDENCE_DIR: join(dir, "evidence"),
      PORT: String(port),
      JOB_LEASE_SECONDS,
      LOG_LEVEL: "info",
      // Bootstrapped as an admin, so the submitter may open cases without a role command first.
      ADMIN_USER_IDS: USERS.specialist,
    });
    const label = `bot #${bots.push(bot)}`;
    onTestFailed(() => console.error(`--- output of ${label} ---\n${bot.output()}`));
    await untilHealthy(bot, port, START_BOUND_MS);
    return bot;
  }

  /** Starts a bot, does `work` with it running, then kills it with SIGKILL: no shutdown code runs. */
  async function killHardAfter(work: () => Promise<void>): Promise<void> {
    const bot = await startBot();
    await work();
    bot.child.kill("SIGKILL");
    expect(await bot.exited).toBe("killed by SIGKILL");
  }

  const openSev1Case = () => openSev1CaseOn(fake, port);

  const roomsOfTheCase = () => fake.channels().filter((c) => c.name.startsWith(ROOM));

  async function expectOneFinishedWarRoom(): Promise<void> {
    await waitFor(
      () => roomsOfTheCase().some((room) => fake.pins(room.id).length === 1),
      "a war room with its pinned summary",
    );
    expect(roomsOfTheCase().map((c) => c.name)).toEqual([ROOM]);
    expect(fake.members(fake.channelByName(ROOM)?.id ?? "")).toContain(USERS.specialist);
  }

  it(
    "loses nothing to kill -9: the war room is created after restart",
    async () => {
      fake.inject("conversations.create", { status: 500, times: Number.POSITIVE_INFINITY });
      await killHardAfter(async () => {
        await openSev1Case();
        await waitFor(() => fake.callsTo("conversations.create").length > 0, "the first war-room attempt");
      });
      expect(fake.channelByName(ROOM)).toBeUndefined();

      fake.clearFaults();
      await startBot();
      await expectOneFinishedWarRoom();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "opens one war room when kill -9 lands while conversations.create is in flight",
    async () => {
      fake.inject("conversations.create", { delayMs: 3_000 });
      await killHardAfter(async () => {
        await openSev1Case();
        await waitFor(() => fake.inFlight("conversations.create") === 1, "conversations.create to reach Slack");
      });
      // Slack finishes the create for a caller that is gone: the room exists, and no bot knows of it.
      await waitFor(() => fake.inFlight("conversations.create") === 0, "Slack to finish the create");
      expect(roomsOfTheCase().map((c) => [c.name, c.creator])).toEqual([[ROOM, fake.botUserId]]);
      const orphanId = fake.channelByName(ROOM)?.id;

      await startBot();
      await expectOneFinishedWarRoom();
      expect(fake.channelByName(ROOM)?.id).toBe(orphanId);
      expect(fake.callsTo("conversations.create").map((c) => c.error ?? "ok")).toEqual(["ok", "name_taken"]);
    },
    TEST_TIMEOUT_MS,
  );
});
