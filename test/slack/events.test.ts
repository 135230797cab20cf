import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { consultTeam } from "../support/consults.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
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

  it("shows someone made a consultant only the cases they are consulted on, not the ones they opened", async () => {
    await submitIntake(h, intakeValues({ category: "theft" }));
    await submitIntake(h, intakeValues(), USERS.lead);
    await grantRole(h, USERS.specialist, "consultant");
    const home = async () => {
      const before = h.fake.callsTo("views.publish").length;
      await h.driver.event({ event: { type: "app_home_opened", user: USERS.specialist, tab: "home" } });
      await expect.poll(() => h.fake.callsTo("views.publish").length).toBeGreaterThan(before);
      return JSON.stringify(h.fake.homeView(USERS.specialist)?.blocks);
    };
    const before = await home();
    expect(before).toContain("Open cases you are consulted on");
    expect(before).not.toContain("TS-2026-000");

    await consultTeam(h, { caseId: 2, members: [USERS.specialist] });
    const after = await home();
    expect(after).toContain("TS-2026-0002");
    expect(after).not.toContain("TS-2026-0001");
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

  it("answers non-2xx when handling fails, so Slack's retry of the same delivery is handled", async () => {
    const event = { type: "app_home_opened", user: USERS.specialist, tab: "home" };
    const handled = () => h.desk.database.sqlite.prepare("SELECT count(*) FROM processed_slack_events").pluck().get();
    h.fake.inject("views.publish", { error: "internal_error" });
    const first = await h.driver.event({ event, eventId: "Ev0FAILSONCE" });
    expect(first.status).toBeGreaterThanOrEqual(300);
    expect(h.fake.homeView(USERS.specialist)).toBeUndefined();
    expect(handled()).toBe(0);

    // The clock has not moved: the retry carries the first attempt's very signature.
    const retry = await h.driver.event({ event, eventId: "Ev0FAILSONCE", retryNum: 1 });
    expect(retry.status).toBe(200);
    expect(h.fake.homeView(USERS.specialist)).toBeDefined();
    expect(handled()).toBe(1);
  });

  it("answers 200 when Slack rate-limits the home, and publishes it once Retry-After has passed, once per person", async () => {
    const open = (user: string) => h.driver.event({ event: { type: "app_home_opened", user, tab: "home" } });
    const queued = () =>
      h.desk.database.sqlite.prepare("SELECT count(*) FROM jobs WHERE kind = 'home.publish'").pluck().get();
    h.fake.setRateLimit("views.publish", { perMinute: 1 });
    expect((await open(USERS.specialist)).status).toBe(200);
    expect(JSON.stringify(h.fake.homeView(USERS.specialist)?.blocks)).not.toContain("TS-2026-0001");

    await submitIntake(h, intakeValues({ category: "theft" }));
    await h.settle();
    // Refused by Slack three times within the minute: each answered 200, one publish queued per person.
    for (const user of [USERS.specialist, USERS.specialist, USERS.lead]) expect((await open(user)).status).toBe(200);
    expect(queued()).toBe(2);
    expect(JSON.stringify(h.fake.homeView(USERS.specialist)?.blocks)).not.toContain("TS-2026-0001");
    expect(h.fake.homeView(USERS.lead)).toBeUndefined();

    await h.settle();
    expect(h.fake.homeView(USERS.lead)).toBeUndefined();
    h.clock.advance(60_000);
    h.fake.setRateLimit("views.publish", { perMinute: 100 });
    await h.settle();
    expect(JSON.stringify(h.fake.homeView(USERS.specialist)?.blocks)).toContain("TS-2026-0001");
    expect(h.fake.homeView(USERS.lead)).toBeDefined();
    const publishes = "SELECT count(*) FROM jobs WHERE kind = 'home.publish' AND done_at IS NOT NULL";
    expect(h.desk.database.sqlite.prepare(publishes).pluck().get()).toBe(2);
  });

  it("refuses a replay of an event delivery that carries no retry header", async () => {
    const event = { type: "app_home_opened", user: USERS.specialist, tab: "home" };
    const body = JSON.stringify({ type: "event_callback", team_id: h.fake.teamId, event_id: "Ev0REPLAY", event });
    const sent = { body, contentType: "application/json", timestamp: Math.floor(h.clock.now() / 1000) };
    expect((await h.driver.raw(sent)).status).toBe(200);
    expect((await h.driver.raw(sent)).status).toBe(401);
    expect(h.fake.callsTo("views.publish")).toHaveLength(1);
  });

  it("answers /healthz with 503 once the database stops answering", async () => {
    h.desk.database.sqlite.close();
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
  });
});
