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

  const commandBody = () =>
    new URLSearchParams({
      command: "/incident",
      text: "",
      user_id: USERS.specialist,
      channel_id: h.triageChannelId,
      team_id: h.fake.teamId,
      trigger_id: h.fake.issueTriggerId(),
      response_url: h.fake.responseUrl(),
    }).toString();

  it("answers /healthz with ok while the database answers", async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("refuses a request with a forged signature, and does nothing", async () => {
    const viewsBefore = h.fake.callsTo("views.open").length;
    const body = commandBody();
    const now = Math.floor(Date.now() / 1000);
    const res = await h.driver.raw({ body, timestamp: now, signature: signSlackRequest("not-the-secret", body, now) });
    expect(res.status).toBe(401);
    expect(h.fake.callsTo("views.open")).toHaveLength(viewsBefore);
  });

  it("refuses a correctly signed request whose timestamp is more than 5 minutes old", async () => {
    const viewsBefore = h.fake.callsTo("views.open").length;
    const body = commandBody();
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await h.driver.raw({
      body,
      timestamp: stale,
      signature: signSlackRequest(SIGNING_SECRET, body, stale),
    });
    expect(res.status).toBe(401);
    expect(h.fake.callsTo("views.open")).toHaveLength(viewsBefore);
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
    const now = Math.floor(Date.now() / 1000);
    const res = await h.driver.raw({ body, timestamp: now, signature: "v0=00" });
    expect(res.status).toBe(401);
    expect(caseRows(h)).toHaveLength(0);
  });
});
