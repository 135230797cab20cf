import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, onTestFailed, onTestFinished } from "vitest";
import { SHUTDOWN_GRACE_MS } from "../../src/main.ts";
import type { SlackFake } from "../slack-fake/index.ts";
import { SIGNING_SECRET, USERS } from "../support/harness.ts";
import { freePort, type SpawnedBot, spawnBot, untilHealthy } from "../support/spawnBot.ts";
import { openSev1CaseOn, startTriageFake, WORK_BOUND_MS, waitFor } from "../support/spawnedBotIntake.ts";

// A cold start is 8-14 s on a busy 2-core machine; these cap a bot that never comes, nothing waits them out.
const START_BOUND_MS = 90_000;
// The stop's grace plus the checkpoint and close, with room for a loaded machine's scheduling.
const EXIT_BOUND_MS = SHUTDOWN_GRACE_MS + 5_000;
// Long enough for the signal to land mid-call, well inside the stop's grace.
const SLOW_CREATE_MS = 5_000;

describe("SIGTERM", { timeout: START_BOUND_MS + 2 * WORK_BOUND_MS }, () => {
  let fake: SlackFake;
  let dir: string;
  let port: number;
  let bot: SpawnedBot;

  beforeEach(async () => {
    fake = await startTriageFake();
    dir = mkdtempSync(join(tmpdir(), "incident-desk-stop-"));
    port = await freePort();
    bot = spawnBot({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      TRIAGE_CHANNEL_ID: fake.channelByName("ts-triage")?.id,
      DATABASE_PATH: join(dir, "cases.sqlite"),
      EVIDENCE_DIR: join(dir, "evidence"),
      PORT: String(port),
      LOG_LEVEL: "info",
      ADMIN_USER_IDS: USERS.specialist,
    });
    onTestFailed(() => console.error(`--- output of the bot ---\n${bot.output()}`));
    await untilHealthy(bot, port, START_BOUND_MS);
  });
  afterEach(async () => {
    if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
    await bot.exited;
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const openSev1Case = () => openSev1CaseOn(fake, port);

  function jobState(kind: string): { done: boolean; leased: boolean } {
    const db = new Database(join(dir, "cases.sqlite"), { readonly: true });
    try {
      const row = db.prepare("SELECT done_at, lease_until FROM jobs WHERE kind = ?").get(kind) as
        | { done_at: number | null; lease_until: number | null }
        | undefined;
      return { done: row?.done_at != null, leased: row?.lease_until != null };
    } finally {
      db.close();
    }
  }

  it("refuses new connections, lets the running job finish, starts no other, checkpoints the WAL and exits 0", async () => {
    fake.inject("conversations.create", { delayMs: SLOW_CREATE_MS });
    await openSev1Case();
    await waitFor(() => fake.inFlight("conversations.create") === 1, "conversations.create to reach Slack");
    const postsBefore = fake.callsTo("chat.postMessage").length;
    // Another connection stays open (as a backup or a sqlite3 shell would): the bot's close is then not the last
    // one, and SQLite leaves the WAL as it is unless the bot checkpoints it.
    const bystander = new Database(join(dir, "cases.sqlite"));
    onTestFinished(() => {
      bystander.close();
    });
    // A first read maps the WAL index, which is what makes SQLite count this connection as open.
    bystander.prepare("SELECT count(*) FROM jobs").get();

    const signalledAt = Date.now();
    bot.child.kill("SIGTERM");
    await delay(1_000);
    expect(fake.inFlight("conversations.create")).toBe(1);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(await bot.exited).toBe("exited with code 0");
    expect(Date.now() - signalledAt).toBeLessThan(EXIT_BOUND_MS);

    expect(fake.callsTo("conversations.create").map((c) => c.ok)).toEqual([true]);
    expect(jobState("war_room.create")).toEqual({ done: true, leased: false });
    // The jobs the war room queues wait for the next start instead of keeping this one alive.
    expect(fake.callsTo("chat.postMessage")).toHaveLength(postsBefore);
    const wal = join(dir, "cases.sqlite-wal");
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  });

  it("exits at once on a second signal, leaving the running job leased for the next start", async () => {
    fake.inject("conversations.create", { delayMs: 4 * SHUTDOWN_GRACE_MS });
    await openSev1Case();
    await waitFor(() => fake.inFlight("conversations.create") === 1, "conversations.create to reach Slack");

    bot.child.kill("SIGTERM");
    await delay(500);
    const secondAt = Date.now();
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe("exited with code 143");
    expect(Date.now() - secondAt).toBeLessThan(SHUTDOWN_GRACE_MS / 2);
    expect(jobState("war_room.create")).toEqual({ done: false, leased: true });
  });
});
