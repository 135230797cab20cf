import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SlackFake, startSlackFake } from "../slack-fake/index.ts";
import { FakeClock } from "../support/fakeClock.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { caseRows, intakeValues, submitIntake } from "../support/intake.ts";

// More SEV1 intakes in one minute than conversations.create's Tier 2 allows (20 a minute).
const INTAKES = 21;

describe("a busy day under Slack's default rate limits", () => {
  let fake: SlackFake;
  let h: Harness;
  beforeEach(async () => {
    const clock = new FakeClock();
    fake = await startSlackFake({
      now: () => clock.now(),
      users: Object.entries(USERS).map(([name, id]) => ({ id, name })),
      channels: [
        { name: "ts-triage", is_private: true, members: ["UBOT", USERS.specialist, USERS.lead] },
        { name: "ts-escalation", is_private: true, members: ["UBOT", USERS.lead] },
      ],
    });
    // Pages (nobody is on call) go to their own channel, as teams set it up, not into the triage channel's pace.
    const escalationId = fake.channelByName("ts-escalation")?.id ?? "";
    h = await startHarness({ fake, clock, env: { ESCALATION_CHANNEL_ID: escalationId } });
  });
  afterEach(async () => {
    await h.close();
    await fake.close();
  });

  const sql = <T>(query: string) => h.desk.database.sqlite.prepare(query).all() as T[];

  it("gives every one of 21 SEV1 cases opened in one minute its war room, pacing each method to its tier rather than meeting 429s", async () => {
    for (let i = 1; i <= INTAKES; i++) {
      await submitIntake(h, intakeValues({ category: "physical-safety", title: `Violence on site, report ${i}` }));
    }
    await h.settle();

    const cases = caseRows(h);
    expect(cases).toHaveLength(INTAKES);
    const rooms = cases.map((c) => h.fake.channel(String(c.channel_id)));
    expect(rooms.filter((room) => room?.is_private)).toHaveLength(INTAKES);
    for (const [i, c] of cases.entries()) {
      const roomId = String(c.channel_id);
      expect(h.fake.pins(roomId), `pinned summary of case ${i + 1}`).toEqual([c.summary_ts]);
    }
    const refused = h.fake.calls.filter((call) => call.status === 429).map((call) => call.method);
    expect(refused, "paced to Slack's tiers, the burst meets no 429").toEqual([]);
    expect(sql("SELECT kind, last_error FROM jobs WHERE failed_at IS NOT NULL")).toEqual([]);
    expect(sql("SELECT kind FROM jobs WHERE done_at IS NULL AND last_error IS NOT NULL")).toEqual([]);
  }, 60_000); // hundreds of real HTTP calls on a shared machine
});

describe("the harness's stand-in", () => {
  it("measures rate windows on the bot's fake clock, so settle() waits them out without sleeping", async () => {
    const h = await startHarness();
    try {
      h.fake.setRateLimit("conversations.create", { perMinute: 1 });
      const startedAt = h.clock.now();
      for (const title of ["First violent visit", "Second violent visit"]) {
        await submitIntake(h, intakeValues({ category: "physical-safety", title }));
      }
      await h.settle();
      expect(caseRows(h).filter((c) => c.channel_id !== null)).toHaveLength(2);
      expect(h.clock.now() - startedAt).toBeGreaterThanOrEqual(60_000);
    } finally {
      await h.close();
    }
  });
});
