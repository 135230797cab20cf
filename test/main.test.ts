import { describe, expect, it } from "vitest";
import { runBotToExit } from "./support/spawnBot.ts";

function start(env: Record<string, string>) {
  const { status, stderr } = runBotToExit(env);
  return { status, lines: stderr.trim().split("\n") };
}

describe("npm start with a bad environment", () => {
  it("exits 1 with one line naming the missing variable and pointing at the demo", () => {
    const { status, lines } = start({});
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^incident-desk: SLACK_BOT_TOKEN is required\. .*npm run demo/);
  });

  it("exits 1 naming a malformed variable", () => {
    const { status, lines } = start({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      TRIAGE_CHANNEL_ID: "C0TRIAGE",
      PORT: "http",
    });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^incident-desk: PORT must be a port number/)]);
  });
});
