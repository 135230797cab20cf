import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";

describe("events and App Home", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it("publishes the user's open cases and the queue when they open App Home", async () => {
    await submitIntake(h, intakeValues({ category: "theft" }));
    await submitIntake(h, intakeValues(), USERS.lead);
    const res = await h.driver.event({ event: { type: "app_home_opened", user: USERS.specialist, tab: "home" } });
    expect(res.status).toBe(200);
    await expect.poll(() => h.fake.homeView(USERS.specialist)).toBeDefined();
    const home = JSON.stringify(h.fake.homeView(USERS.specialist)?.blocks);
    expect(home).toContain("TS-2026-0001");
    expect(home).not.toContain("TS-2026-0002");
    expect(home).toContain("SEV2: *1*");
    expect(home).toContain("SEV3: *1*");
  });

  it("handles an event Slack redelivers only once", async () => {
    const event = { type: "app_home_opened", user: USERS.specialist, tab: "home" };
    await h.driver.event({ event, eventId: "Ev0DUPLICATE" });
    await expect.poll(() => h.fake.callsTo("views.publish").length).toBe(1);
    const retry = await h.driver.event({ event, eventId: "Ev0DUPLICATE", retryNum: 1 });
    expect(retry.status).toBe(200);
    // A later event for someone else: once it is handled, the redelivery before it was too.
    await h.driver.event({ event: { ...event, user: USERS.lead }, eventId: "Ev0FRESH" });
    await expect.poll(() => h.fake.homeView(USERS.lead)).toBeDefined();
    expect(h.fake.callsTo("views.publish")).toHaveLength(2);
    expect(h.desk.database.sqlite.prepare("SELECT count(*) FROM processed_slack_events").pluck().get()).toBe(2);
  });

  it("answers /healthz with 503 once the database stops answering", async () => {
    h.desk.database.sqlite.close();
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
  });
});
