import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackFake, startSlackFake } from "./slack-fake/index.ts";
import { webClientFor } from "./slack-fake/webClientFor.ts";
import { runBotToExit } from "./support/spawnBot.ts";

async function start(env: Record<string, string>) {
  const { status, stdout, stderr, cwd } = await runBotToExit(env);
  return { status, stdout, lines: stderr.trim().split("\n"), cwd };
}

// Each test spawns a bot: a start is seconds, yet a loaded machine has been seen to take over 15 s.
describe("npm start with a bad environment", { timeout: 60_000 }, () => {
  it("exits 1 with one line naming the missing variable and pointing at the demo", async () => {
    const { status, lines } = await start({});
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^incident-desk: SLACK_BOT_TOKEN is required\. .*npm run demo/);
  });

  it("exits 1 naming a malformed variable", async () => {
    const { status, lines } = await start({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      TRIAGE_CHANNEL_ID: "C0TRIAGE",
      PORT: "http",
    });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^incident-desk: PORT must be a port number/)]);
  });
});

describe("npm start when Slack refuses what the environment names", { timeout: 60_000 }, () => {
  let fake: SlackFake;
  let channel: (name: string) => string;

  beforeAll(async () => {
    fake = await startSlackFake({
      channels: [
        { name: "ts-triage", is_private: true, members: ["UBOT"] },
        { name: "ts-open", is_private: false, members: [] },
        { name: "ts-secret", is_private: true, members: [] },
        { name: "ts-old", is_private: false, members: ["UBOT"] },
      ],
    });
    channel = (name) => fake.channelByName(name)?.id ?? "";
    await webClientFor(fake).conversations.archive({ channel: channel("ts-old") });
  });
  afterAll(() => fake.close());

  const env = (overrides: Record<string, string>) => ({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: "s",
    SLACK_API_URL: fake.url,
    TRIAGE_CHANNEL_ID: channel("ts-triage"),
    PORT: "0",
    ...overrides,
  });

  /** Exit 1, one line on stderr that matches, no stack trace or token anywhere, and no ./data folder created. */
  async function expectRefusal(overrides: Record<string, string>, line: RegExp): Promise<void> {
    const { status, stdout, lines, cwd } = await start(env(overrides));
    expect(lines).toEqual([expect.stringMatching(line)]);
    const printed = `${stdout}${lines.join("\n")}`;
    expect(printed).not.toMatch(/^\s+at /m);
    expect(printed).not.toContain(env(overrides).SLACK_BOT_TOKEN);
    expect(status).toBe(1);
    expect(existsSync(join(cwd, "data"))).toBe(false);
    expect(readdirSync(cwd)).toEqual([]);
  }

  it("refuses a wrong token with one line naming SLACK_BOT_TOKEN and Slack's answer, creating no data folder", () =>
    expectRefusal(
      { SLACK_BOT_TOKEN: "xoxb-not-this-workspace" },
      /^incident-desk: SLACK_BOT_TOKEN was refused by Slack's auth\.test \(invalid_auth\)\.$/,
    ));

  it("says in one line naming SLACK_API_URL that Slack cannot be reached", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const url = `http://127.0.0.1:${closedPort}/api/`;
    await expectRefusal(
      { SLACK_API_URL: url },
      new RegExp(`^incident-desk: SLACK_API_URL ${url} could not be reached \\(ECONNREFUSED\\)\\.$`),
    );
  });

  it("refuses an unknown triage channel with one line naming TRIAGE_CHANNEL_ID", () =>
    expectRefusal(
      { TRIAGE_CHANNEL_ID: "C0NOSUCH99" },
      /^incident-desk: TRIAGE_CHANNEL_ID C0NOSUCH99 is not a channel the bot can see \(.*\) \(channel_not_found\)\.$/,
    ));

  it("refuses a private triage channel the bot was not invited to", () =>
    expectRefusal(
      { TRIAGE_CHANNEL_ID: channel("ts-secret") },
      /^incident-desk: TRIAGE_CHANNEL_ID C\w+ is not a channel the bot can see .*invite the bot.*channel_not_found/,
    ));

  it("refuses an archived triage channel", () =>
    expectRefusal({ TRIAGE_CHANNEL_ID: channel("ts-old") }, /^incident-desk: TRIAGE_CHANNEL_ID C\w+ is archived/));

  it("refuses an escalation channel Slack does not know, naming ESCALATION_CHANNEL_ID", () =>
    expectRefusal(
      { ESCALATION_CHANNEL_ID: "C0NOSUCH98" },
      /^incident-desk: ESCALATION_CHANNEL_ID C0NOSUCH98 is not a channel the bot can see .*channel_not_found/,
    ));

  it("refuses a report channel Slack does not know, naming REPORT_CHANNEL_ID", () =>
    expectRefusal(
      { REPORT_CHANNEL_ID: "C0NOSUCH97" },
      /^incident-desk: REPORT_CHANNEL_ID C0NOSUCH97 is not a channel the bot can see .*channel_not_found/,
    ));

  it("refuses a private report channel the bot was not invited to", () =>
    expectRefusal(
      { REPORT_CHANNEL_ID: channel("ts-secret") },
      /^incident-desk: REPORT_CHANNEL_ID C\w+ is not a channel the bot can see .*invite the bot.*channel_not_found/,
    ));
});
