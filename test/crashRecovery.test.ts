import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackFake, startSlackFake } from "./slack-fake/index.ts";
import { SIGNING_SECRET, USERS } from "./support/harness.ts";
import { intakeValues } from "./support/intake.ts";
import { createSlackDriver } from "./support/slackDriver.ts";
import { spawnBot } from "./support/spawnBot.ts";

const ROOM = `ts-${new Date().getUTCFullYear()}-0001-physical-safety`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a crash between intake and war room", () => {
  let fake: SlackFake;
  let dir: string;
  let bot: ChildProcess | undefined;

  beforeAll(async () => {
    fake = await startSlackFake({
      users: [{ id: USERS.specialist, name: "spec" }],
      channels: [{ name: "ts-triage", is_private: true, members: ["UBOT"] }],
    });
    dir = mkdtempSync(join(tmpdir(), "incident-desk-crash-"));
  });
  afterAll(async () => {
    bot?.kill("SIGKILL");
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startBot(port: number): Promise<ChildProcess> {
    const child = spawnBot({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      TRIAGE_CHANNEL_ID: fake.channelByName("ts-triage")?.id,
      DATABASE_PATH: join(dir, "cases.sqlite"),
      EVIDENCE_DIR: join(dir, "evidence"),
      PORT: String(port),
      LOG_LEVEL: "silent",
      // Bootstrapped as an admin, so the submitter may open cases without a role command first.
      ADMIN_USER_IDS: USERS.specialist,
    });
    await waitFor(
      () =>
        fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      "the bot to answer /healthz",
    );
    return child;
  }

  it("loses nothing to kill -9: the war room is created after restart", async () => {
    const port = await freePort();
    fake.inject("conversations.create", { status: 500, times: Number.POSITIVE_INFINITY });
    bot = await startBot(port);
    const driver = createSlackDriver({
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      fake,
    });

    await driver.command({ text: "", userId: USERS.specialist, channelId: "C0" });
    await waitFor(() => fake.views().some((v) => v.callback_id === "incident_intake"), "the intake modal");
    const view = fake.views().find((v) => v.callback_id === "incident_intake");
    const submitted = await driver.submitView({
      viewId: view?.id ?? "",
      userId: USERS.specialist,
      values: intakeValues({ category: "physical-safety" }),
    });
    expect(submitted.status).toBe(200);
    await waitFor(() => fake.callsTo("conversations.create").length > 0, "the first war-room attempt");

    bot.kill("SIGKILL");
    await new Promise((r) => bot?.once("exit", r));
    expect(fake.channelByName(ROOM)).toBeUndefined();

    fake.clearFaults();
    bot = await startBot(port);
    await waitFor(() => {
      const room = fake.channelByName(ROOM);
      return room !== undefined && fake.pins(room.id).length === 1;
    }, "the war room and its pinned summary");
    expect(fake.members(fake.channelByName(ROOM)?.id ?? "")).toContain(USERS.specialist);
    // Two cold starts of the real process under a loaded 2-core CI machine: more than the default 20 s.
  }, 60_000);
});
