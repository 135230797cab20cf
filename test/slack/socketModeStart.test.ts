import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.ts";
import { startSlackFake } from "../slack-fake/index.ts";
import { FakeClock } from "../support/fakeClock.ts";
import { startHarness } from "../support/harness.ts";

/** A port nothing listens on now: Socket Mode's route server reports no port of its own, so the test picks one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

describe("Socket Mode start-up", () => {
  it("starts on the app-level token and serves /healthz on PORT", async () => {
    const port = await freePort();
    const h = await startHarness({ socketMode: true, env: { PORT: String(port) } });
    try {
      expect(h.desk.port).toBe(port);
      expect(h.fake.callsTo("apps.connections.open")).toEqual([expect.objectContaining({ ok: true })]);
      expect(h.fake.socketMode.connectionCount).toBe(1);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { ok: true } });
    } finally {
      await h.close();
    }
  });

  it("refuses an app-level token Slack does not accept, in one line naming SLACK_APP_TOKEN", async () => {
    const clock = new FakeClock();
    const fake = await startSlackFake({
      now: () => clock.now(),
      channels: [{ name: "ts-triage", is_private: true, members: ["UBOT"] }],
    });
    try {
      const started = startHarness({ fake, clock, socketMode: true, env: { SLACK_APP_TOKEN: "xapp-1-revoked" } });
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toThrow(
        /^SLACK_APP_TOKEN was refused by Slack's apps.connections.open \(invalid_auth\)$/,
      );
      expect(fake.socketMode.connectionsOpened).toBe(0);
    } finally {
      await fake.close();
    }
  });
});
