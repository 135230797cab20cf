import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { jobs } from "../../db/schema.ts";
import { postReportJob } from "../../src/flows/jobs/postReport.ts";
import { buildPacing } from "../../src/slack/jobs/index.ts";
import { postMessageBudget } from "../../src/slack/rateLimits.ts";
import { type SlackFake, startSlackFake } from "../slack-fake/index.ts";
import { FakeClock } from "../support/fakeClock.ts";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { UTC_DESK } from "../support/reportMonth.ts";
import { reportMessages } from "../support/reports.ts";

const HOUR = 60 * 60_000;
// Monday 2026-03-09, 09:00 UTC: the week of 2026-03-02 is due.
const MONDAY_NINE = Date.UTC(2026, 2, 9, 9);

describe("the weekly report", () => {
  let h: Harness;
  let fake: SlackFake;
  afterEach(async () => {
    await h.close();
    await fake.close();
  });

  /** The bot started at `at`, with a public report channel it has not joined yet. */
  const start = async (at: number) => {
    const clock = new FakeClock(at);
    fake = await startSlackFake({
      now: () => clock.now(),
      users: Object.entries(USERS).map(([name, id]) => ({ id, name })),
      channels: [
        { name: "ts-triage", is_private: true, members: ["UBOT", USERS.specialist, USERS.lead] },
        { name: "ts-reports", is_private: false, members: [USERS.lead] },
      ],
    });
    const channel = fake.channelByName("ts-reports")?.id ?? "";
    h = await startHarness({ clock, fake, env: { ...UTC_DESK, REPORT_CHANNEL_ID: channel } });
    return channel;
  };
  const weeklies = (channel: string) => reportMessages(h, channel).map((m) => m.text);

  it("posts last week's report on Monday at 09:00 business time, once across restarts, then the next week's", async () => {
    const channel = await start(MONDAY_NINE - 2 * HOUR);
    await h.settle();
    expect(weeklies(channel)).toEqual([]);

    h.clock.set(MONDAY_NINE);
    await h.settle();
    await h.restart();
    await h.settle();
    expect(weeklies(channel)).toEqual([
      expect.stringMatching(/^Weekly report, all categories, 2026-03-02 to 2026-03-08 \(UTC\)/),
    ]);

    h.clock.set(MONDAY_NINE + 7 * 24 * HOUR);
    await h.settle();
    expect(weeklies(channel)).toEqual([expect.any(String), expect.stringContaining("2026-03-09 to 2026-03-15")]);
  });

  it("posts a missed Monday's report once when the bot comes back, even after a restart mid-upload", async () => {
    const channel = await start(MONDAY_NINE + 50 * HOUR);
    h.fake.inject("files.completeUploadExternal", { status: 503 });
    await h.settle();
    await h.restart();
    h.clock.advance(HOUR);
    await h.settle();

    expect(weeklies(channel)).toEqual([expect.stringContaining("2026-03-02 to 2026-03-08")]);
    expect(h.fake.callsTo("files.completeUploadExternal").map((c) => c.status)).toEqual([503, 200]);
  });

  it("shares the report's files once when Slack shared them but its answer was lost, across a restart", async () => {
    const channel = await start(MONDAY_NINE + 50 * HOUR);
    h.fake.inject("files.completeUploadExternal", { status: 503, afterEffect: true });
    await h.settle();
    await h.restart();
    h.clock.advance(HOUR);
    await h.settle();

    expect(weeklies(channel)).toEqual([expect.stringContaining("2026-03-02 to 2026-03-08")]);
    expect(h.fake.callsTo("files.completeUploadExternal").map((c) => c.status)).toEqual([503]);
    expect(h.fake.messages(channel).filter((m) => m.files?.length)).toHaveLength(1);
  });

  it("paces its post under the report channel's once-a-second budget, as the other configured channels are", async () => {
    const channel = await start(MONDAY_NINE);
    await h.driver.command({ text: "report week", userId: USERS.lead, channelId: h.triageChannelId });
    await h.settle();
    const pacing = buildPacing(h.desk.deps);
    const budgets = h.desk.deps.db
      .select()
      .from(jobs)
      .where(eq(jobs.kind, postReportJob.kind))
      .all()
      .map((job) => pacing.budgetsOfJob(job));
    const channelBudgets = budgets.map((own) => own.filter((b) => b.key.startsWith("chat.postMessage")));
    // The weekly one, and the one a lead asked for: that one goes to a DM or private channel Slack names as it runs.
    expect(channelBudgets).toHaveLength(2);
    expect(channelBudgets).toContainEqual([postMessageBudget(channel)]);
    expect(channelBudgets).toContainEqual([]);
  });
});
