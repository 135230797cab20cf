import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, SIGNING_SECRET, startHarness, USERS } from "../support/harness.ts";
import { caseRows, intakeValues, openIntakeModal } from "../support/intake.ts";
import { signSlackRequest } from "../support/slackDriver.ts";

describe("HTTP surface", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const MINUTE_S = 60;
  const nowSeconds = () => Math.floor(h.clock.now() / 1000);
  const commandBody = (text = "") =>
    new URLSearchParams({
      token: "fake-verification-token",
      command: "/incident",
      text,
      user_id: USERS.lead,
      channel_id: h.triageChannelId,
      team_id: h.fake.teamId,
      trigger_id: h.fake.issueTriggerId(),
      response_url: h.fake.responseUrl(),
    }).toString();
  const signedAt = (body: string, timestamp: number, contentType?: string) =>
    h.driver.raw({ body, contentType, timestamp, signature: signSlackRequest(SIGNING_SECRET, body, timestamp) });
  const overrideRows = () => h.desk.database.sqlite.prepare("SELECT * FROM oncall_overrides").all();
  const healthz = async () => (await fetch(`${h.baseUrl}/healthz`)).status;

  it("answers /healthz with ok while the database answers", async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("refuses a request with a forged signature, and does nothing", async () => {
    const viewsBefore = h.fake.callsTo("views.open").length;
    const body = commandBody();
    const now = nowSeconds();
    const res = await h.driver.raw({ body, timestamp: now, signature: signSlackRequest("not-the-secret", body, now) });
    expect(res.status).toBe(401);
    expect(h.fake.callsTo("views.open")).toHaveLength(viewsBefore);
  });

  it("refuses a correctly signed request whose timestamp is more than 5 minutes old", async () => {
    const viewsBefore = h.fake.callsTo("views.open").length;
    const res = await signedAt(commandBody(), nowSeconds() - 6 * MINUTE_S);
    expect(res.status).toBe(401);
    expect(h.fake.callsTo("views.open")).toHaveLength(viewsBefore);
  });

  it("refuses a correctly signed request dated more than 5 minutes in the future", async () => {
    const viewsBefore = h.fake.callsTo("views.open").length;
    const res = await signedAt(commandBody(), nowSeconds() + 10 * MINUTE_S);
    expect(res.status).toBe(401);
    expect(h.fake.callsTo("views.open")).toHaveLength(viewsBefore);
  });

  it("accepts a request dated up to 5 minutes either side of its own clock", async () => {
    for (const offset of [-4 * MINUTE_S, 4 * MINUTE_S]) {
      const res = await signedAt(commandBody("help"), nowSeconds() + offset);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain("/incident");
    }
  });

  it("refuses a replayed on-call override, makes it once, and keeps refusing it after a restart", async () => {
    const body = commandBody(`oncall override <@${USERS.specialist}|spec> now 2026-11-26 10:00`);
    const sentAt = nowSeconds();
    const first = await signedAt(body, sentAt);
    expect(JSON.stringify(first.body)).toContain("Override #");
    expect((await signedAt(body, sentAt)).status).toBe(401);
    expect((await signedAt(body, sentAt)).status).toBe(401);
    expect(overrideRows()).toHaveLength(1);

    await h.restart();
    h.clock.advance(4 * MINUTE_S * 1000);
    expect((await signedAt(body, sentAt)).status).toBe(401);
    expect(overrideRows()).toHaveLength(1);
  });

  it("answers a signed JSON null with 400 and stays up", async () => {
    const res = await signedAt("null", nowSeconds(), "application/json");
    expect(res.status).toBe(400);
    expect(await healthz()).toBe(200);
  });

  it("answers a body over the size limit with 413 and stays up", async () => {
    const res = await signedAt(`payload=${"x".repeat(5 * 1024 * 1024)}`, nowSeconds());
    expect(res.status).toBe(413);
    expect(await healthz()).toBe(200);
  });

  it("answers Slack's url_verification with its challenge", async () => {
    const body = JSON.stringify({ token: "t", challenge: "c-123", type: "url_verification" });
    const res = await signedAt(body, nowSeconds(), "application/json");
    expect(res).toEqual({ status: 200, body: { challenge: "c-123" } });
  });

  it("refuses a forged view submission without recording a case", async () => {
    const viewId = await openIntakeModal(h);
    const view = h.fake.view(viewId);
    const payload = JSON.stringify({
      type: "view_submission",
      user: { id: USERS.specialist },
      view,
      values: intakeValues(),
    });
    const body = new URLSearchParams({ payload }).toString();
    const res = await h.driver.raw({ body, timestamp: nowSeconds(), signature: "v0=00" });
    expect(res.status).toBe(401);
    expect(caseRows(h)).toHaveLength(0);
  });
});
