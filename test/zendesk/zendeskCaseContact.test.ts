import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackDate } from "../../src/slack/views/mrkdwn.ts";
import { type Harness, USERS } from "../support/harness.ts";
import { deliver, saveMapping, startZendeskDesk, ticketCreated } from "./zendeskDesk.ts";

const MINUTE = 60_000;
const CASE = "TS-2026-0001";

let h: Harness;
beforeEach(async () => {
  h = await startZendeskDesk();
  saveMapping(h);
});
afterEach(() => h.close());

const reminders = (channelId: string) =>
  h.fake
    .messages(channelId)
    .map((m) => m.text)
    .filter((t) => t.startsWith("⏱"));
const room = () => h.fake.channels().find((c) => c.name.startsWith("ts-2026-0001-"))?.id ?? "";
const postsTo = (channel: string) => h.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);

/** Cases the webhook opens have the bot as their opener: whom the desk tells while nobody owns one. */
describe("a case a Zendesk ticket opened", () => {
  it("reminds the triage channel, naming the case, while nobody owns it, never mentioning the bot", async () => {
    const opened = h.clock.now();
    // vip → SEV2: a war room, and a 2 h calendar first response.
    await deliver(h, ticketCreated({ tags: ["abuse", "vip"] }));
    await h.settle();
    h.clock.set(opened + 60 * MINUTE);
    await h.settle();

    const due = slackDate(opened + 120 * MINUTE);
    expect(reminders(h.triageChannelId)).toEqual([
      `⏱ ${CASE} has no owner (\`/incident assign @user ${CASE}\`): First response is 50 % through (due ${due}).`,
    ]);
    expect(reminders(room())).toEqual([]);
    const bot = h.desk.deps.botUserId;
    expect(JSON.stringify(h.fake.calls.map((c) => c.args))).not.toContain(`<@${bot}>`);
    const [event] = h.desk.database.sqlite
      .prepare("SELECT payload FROM case_events WHERE kind = 'sla_reminder'")
      .all() as Array<{ payload: string }>;
    expect(JSON.parse(event?.payload ?? "{}")).toMatchObject({ notified: null, channel: h.triageChannelId });
  });

  it("reminds its owner in the war room once a specialist takes it", async () => {
    const opened = h.clock.now();
    await deliver(h, ticketCreated({ tags: ["abuse", "vip"] }));
    await h.settle();
    await h.driver.command({
      text: `assign <@${USERS.specialist}|spec> ${CASE}`,
      userId: USERS.lead,
      channelId: h.triageChannelId,
    });
    h.clock.set(opened + 60 * MINUTE);
    await h.settle();

    expect(reminders(room())).toEqual([
      `⏱ <@${USERS.specialist}> First response is 50 % through (due ${slackDate(opened + 120 * MINUTE)}).`,
    ]);
    expect(reminders(h.triageChannelId)).toEqual([]);
  });

  it("tells the triage channel, not the bot, that a side effect was refused for good", async () => {
    // A SEV3 case lives in a triage thread: when its post is refused, no summary can show the failure.
    h.fake.inject("chat.postMessage", { error: "restricted_action" });
    await deliver(h, ticketCreated({ tags: ["abuse"] }));
    await h.settle();

    const notices = h.fake.messages(h.triageChannelId).filter((m) => m.text.includes("is recorded, but"));
    expect(notices.map((m) => m.text)).toEqual([expect.stringMatching(new RegExp(`^:warning: ${CASE} · SEV3 · `))]);
    expect(postsTo(h.desk.deps.botUserId)).toEqual([]);
  });
});
