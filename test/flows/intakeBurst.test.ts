import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordedCall } from "../slack-fake/index.ts";
import { METHOD_TIERS, POST_MESSAGE_PER_CHANNEL, TIER_PER_MINUTE } from "../slack-fake/rateTiers.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { caseRows, intakeValues, submitIntake } from "../support/intake.ts";

// More SEV1 intakes than conversations.create's Tier 2 allows in a minute (20), so pacing has to wait.
const BURST = 25;
const MINUTE_MS = 60_000;
const SEV4_AHEAD = 8;

const sev1Intake = (i: number) => intakeValues({ category: "physical-safety", title: `Violence on site, report ${i}` });
const sev4Intake = (i: number) =>
  intakeValues({ category: "service-quality", title: `Job left unfinished, report ${i}` });

/** Calls of one method (in one channel) in the busiest rolling minute. */
function busiestMinute(calls: readonly RecordedCall[]): number {
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  return Math.max(0, ...times.map((start, i) => times.slice(i).filter((at) => at - start < MINUTE_MS).length));
}

/** Every Slack tier the stand-in documents, checked against the calls the bot made: the breaches, if any. */
function tierBreaches(calls: readonly RecordedCall[]): string[] {
  const breaches: string[] = [];
  for (const [method, tier] of Object.entries(METHOD_TIERS)) {
    const busiest = busiestMinute(calls.filter((call) => call.method === method));
    if (busiest > TIER_PER_MINUTE[tier]) breaches.push(`${method}: ${busiest} in a minute`);
  }
  const posts = calls.filter((call) => call.method === "chat.postMessage");
  const { burst, refillPerSecond } = POST_MESSAGE_PER_CHANNEL;
  for (const channel of new Set(posts.map((call) => String(call.args.channel)))) {
    const times = posts.filter((call) => call.args.channel === channel).map((call) => call.at);
    // A bucket of `burst` refilled `refillPerSecond`: posts i..j need at most burst + what refilled between.
    const overBucket = times.some((from, i) =>
      times.slice(i).some((to, k) => k + 1 > burst + Math.floor(((to - from) / 1000) * refillPerSecond)),
    );
    if (overBucket) breaches.push(`chat.postMessage in ${channel}: ${times.join(",")}`);
  }
  return breaches;
}

describe("intake under a burst, with Slack's rate tiers on", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const sql = <T>(query: string) => h.desk.database.sqlite.prepare(query).all() as T[];
  const rateLimited = () => h.fake.calls.filter((call) => call.status === 429);
  const expectEveryRoomReady = (count: number) => {
    const cases = caseRows(h);
    expect(cases).toHaveLength(count);
    for (const c of cases) expect(h.fake.pins(String(c.channel_id)), String(c.human_id)).toEqual([c.summary_ts]);
    expect(
      new Set(
        h.fake
          .callsTo("conversations.create")
          .filter((c) => c.ok)
          .map((c) => c.args.name),
      ).size,
    ).toBe(count);
    expect(
      sql(
        "SELECT kind, last_error FROM jobs WHERE failed_at IS NOT NULL OR (done_at IS NULL AND last_error IS NOT NULL)",
      ),
    ).toEqual([]);
  };

  it(`opens the war rooms of ${BURST} SEV1 intakes without a 429, never past a tier, as fast as the tiers allow`, async () => {
    const startedAt = h.clock.now();
    for (let i = 1; i <= BURST; i++) await submitIntake(h, sev1Intake(i));
    await h.settle();

    expectEveryRoomReady(BURST);
    expect(rateLimited()).toEqual([]);
    expect(tierBreaches(h.fake.calls)).toEqual([]);
    const created = h.fake.callsTo("conversations.create").map((call) => call.at - startedAt);
    // Twenty rooms at once, the rest as soon as the first call leaves Slack's minute (plus the bot's margin).
    expect(created.slice(0, 20)).toEqual(Array(20).fill(0));
    expect(Math.max(...created.slice(20))).toBeLessThanOrEqual(MINUTE_MS + 1_000);
  }, 120_000);

  it("posts each case's summary before pinning it", async () => {
    for (let i = 1; i <= 3; i++) await submitIntake(h, sev1Intake(i));
    await h.settle();

    for (const c of caseRows(h)) {
      const inRoom = h.fake.calls.filter((call) => call.args.channel === c.channel_id);
      const posted = inRoom.findIndex((call) => call.method === "chat.postMessage" && call.ok);
      const pinned = inRoom.findIndex((call) => call.method === "pins.add");
      expect(posted, String(c.human_id)).toBeGreaterThanOrEqual(0);
      expect(pinned, String(c.human_id)).toBeGreaterThan(posted);
    }
  });

  it("announces a SEV1 case in triage before the SEV4 cases queued ahead of it", async () => {
    for (let i = 1; i <= SEV4_AHEAD; i++) await submitIntake(h, sev4Intake(i));
    await submitIntake(h, sev1Intake(1));
    await h.settle();

    const sev1 = caseRows(h).find((c) => c.severity === "sev1");
    const triagePosts = h.fake
      .callsTo("chat.postMessage")
      .filter((call) => call.args.channel === h.triageChannelId && String(call.args.text).startsWith("New case"));
    expect(triagePosts).toHaveLength(SEV4_AHEAD + 1);
    // The channel's burst goes to SEV4 posts before the SEV1 room exists; from then on the SEV1 announcement
    // goes first but for its own page's post (queued before it in its case), where by queue order it would be last.
    const sev1Announced = triagePosts.findIndex((call) => String(call.args.text).includes(String(sev1?.human_id)));
    expect(sev1Announced).toBeLessThanOrEqual(5);
    expect(rateLimited()).toEqual([]);
  });

  it("loses nothing when the bot restarts mid-burst, waiting out what Slack still counts from before", async () => {
    for (let i = 1; i <= BURST; i++) await submitIntake(h, sev1Intake(i));
    // One pass, no waiting: the first twenty rooms open, the rest of the burst is still queued.
    await h.desk.scheduler.runUntilIdle();
    expect(h.fake.callsTo("conversations.create")).toHaveLength(20);
    await h.restart();
    await h.settle();

    expectEveryRoomReady(BURST);
    // A restarted runner has not seen the calls Slack still counts from before: those may meet a 429, waited out.
    expect(rateLimited().length).toBeLessThan(BURST);
  }, 120_000);
});
