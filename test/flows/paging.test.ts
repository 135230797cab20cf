import { TZDate } from "@date-fns/tz";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION } from "../../src/slack/ids.ts";
import { type SlackFake, startSlackFake } from "../slack-fake/index.ts";
import { moveCase } from "../support/caseState.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { FakeClock } from "../support/fakeClock.ts";
import { grantRole, type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { addLayer, addOnCallPeople, ON_CALL, who } from "../support/onCall.ts";

const LA = "America/Los_Angeles";
const MINUTE = 60_000;
const { ana, ben, cat } = ON_CALL;
const NO_ROLE = "U0NOROLE";
const CASE = "TS-2026-0001";
const at = (y: number, m: number, d: number, h: number, min = 0) => new TZDate(y, m - 1, d, h, min, LA).getTime();
const SATURDAY_2AM = at(2026, 11, 28, 2);
const TUESDAY_11AM = at(2026, 12, 1, 11);
const THEFT = intakeValues({ category: "theft", title: "Tools missing after a visit" }); // SEV2
const VIOLENCE = intakeValues({ category: "physical-safety", title: "Pro was violent on site" }); // SEV1
const HARASSMENT = intakeValues({ category: "harassment" }); // SEV3

type EventRow = { seq: number; kind: string; actor: string; payload: string };
type PageRow = Record<string, unknown> & { id: number; status: string; step: string };
type Message = { ts: string; text?: string; blocks?: unknown[] };

describe("paging the on-call person", () => {
  let fake: SlackFake;
  let h: Harness;
  let escalationId: string;

  beforeEach(async () => {
    const clock = new FakeClock();
    fake = await startSlackFake({
      now: () => clock.now(),
      users: [...Object.entries(USERS).map(([name, id]) => ({ id, name })), { id: NO_ROLE, name: "nobody" }],
      channels: [
        { name: "ts-triage", is_private: true, members: ["UBOT", USERS.specialist, USERS.lead] },
        { name: "ts-escalation", is_private: true, members: ["UBOT", USERS.lead, NO_ROLE] },
      ],
    });
    escalationId = fake.channelByName("ts-escalation")?.id ?? "";
    h = await startHarness({ fake, clock, env: { ESCALATION_CHANNEL_ID: escalationId } });
    await addOnCallPeople(h);
    await addLayer(h, `evenings evenings=17:00-09:00 17:00 7 ${who(cat)}`);
    await addLayer(h, `weekend weekends 09:00 7 ${who(ana)} ${who(ben)}`);
  });
  afterEach(async () => {
    await h.close();
    await fake.close();
  });

  const sql = <T>(query: string, ...params: unknown[]) => h.desk.database.sqlite.prepare(query).all(...params) as T[];
  const pages = () => sql<PageRow>("SELECT * FROM pages ORDER BY id");
  const eventsOf = (kind: string) =>
    sql<EventRow>("SELECT * FROM case_events WHERE case_id = 1 AND kind = ? ORDER BY seq", kind).map((e) => ({
      ...e,
      payload: JSON.parse(e.payload) as Record<string, unknown>,
    }));
  const dms = (userId: string): Message[] =>
    dmChannelId(h.fake, userId) ? h.fake.messages(dmChannelId(h.fake, userId)) : [];
  const escalations = (): Message[] => h.fake.messages(escalationId);
  const roomId = () => h.fake.channelByName("ts-2026-0001-theft")?.id ?? "";
  const ackButtonValue = (message: Message | undefined) =>
    /"action_id":"page_ack","value":"(\d+)"/.exec(jsonText(message?.blocks))?.[1];

  async function openCaseAt(when: number, values = THEFT): Promise<void> {
    h.clock.set(when);
    await submitIntake(h, values);
    await h.settle();
  }

  async function advance(ms: number): Promise<void> {
    h.clock.advance(ms);
    await h.settle();
  }

  /** Clicks Acknowledge on a page message; what the bot answered through the response URL. */
  async function acknowledge(
    userId: string,
    channelId: string,
    message: Message | undefined,
    shownMessage?: Record<string, unknown>,
  ) {
    const res = await h.driver.clickButton({
      userId,
      channelId,
      messageTs: message?.ts ?? "",
      actionId: ACTION.ackPage,
      shownMessage,
    });
    await expect.poll(() => h.fake.responses(res.responseUrl).length).toBeGreaterThan(0);
    return h.fake.responses(res.responseUrl).map((r) => r.body as Record<string, unknown>);
  }

  async function pageCommand(args: string, userId: string = USERS.specialist, channelId = h.triageChannelId) {
    const res = await h.driver.command({ text: `page ${args}`.trim(), userId, channelId });
    return (res.body as { text?: string }).text ?? "";
  }

  describe("a SEV2 case on Saturday 02:00 in the business zone", () => {
    beforeEach(() => openCaseAt(SATURDAY_2AM));

    it("DMs the primary at once with the case and an Acknowledge button", () => {
      expect(pages()).toEqual([
        expect.objectContaining({
          case_id: 1,
          trigger: "auto",
          requested_by: h.desk.deps.botUserId,
          primary_user: ana,
          secondary_user: ben,
          ack_minutes: 15,
          status: "paging",
          step: "primary",
          dedupe_key: "auto:1",
        }),
      ]);
      const [dm] = dms(ana);
      expect(dms(ana)).toHaveLength(1);
      expect(jsonText(dm?.blocks)).toContain(`${CASE} · SEV2 · Theft`);
      expect(jsonText(dm?.blocks)).toContain("SEV2 case opened outside business hours");
      // The DM may go out while the war room is still being created; it never says there is none.
      expect(jsonText(dm?.blocks)).toMatch(/War room\*\\n(<#C\w+>|being opened; acknowledging brings you in)/);
      expect(jsonText(dm?.blocks)).toContain(`Acknowledge within 15 min, or <@${ben}> will be paged`);
      expect(ackButtonValue(dm)).toBe(String(pages()[0]?.id));
      expect(dms(ben)).toEqual([]);
      expect(escalations()).toEqual([]);
      expect(eventsOf("page_sent").map((e) => e.payload)).toEqual([
        {
          pageId: 1,
          step: "primary",
          to: ana,
          trigger: "auto",
          requestedBy: h.desk.deps.botUserId,
          message: { channel: dmChannelId(h.fake, ana), ts: dm?.ts },
        },
      ]);
    });

    it("pages the secondary after 15 minutes, then the escalation channel mentioning the leads", async () => {
      await advance(15 * MINUTE - 1000);
      expect(dms(ben)).toEqual([]);
      await advance(1000);
      expect(dms(ben)).toHaveLength(1);
      expect(jsonText(dms(ben)[0]?.blocks)).toContain("secondary on call");
      expect(jsonText(dms(ben)[0]?.blocks)).toContain(`<#${roomId()}>`);
      expect(ackButtonValue(dms(ben)[0])).toBe("1");
      expect(escalations()).toEqual([]);

      await advance(15 * MINUTE);
      expect(escalations()).toHaveLength(1);
      const post = escalations()[0];
      expect(jsonText(post?.blocks)).toContain(`<@${USERS.lead}>`);
      expect(jsonText(post?.blocks)).toContain(`nobody acknowledged the page about *${CASE} · SEV2 · Theft*`);
      expect(ackButtonValue(post)).toBe("1");
      // The channel sees ids and labels, never the case's own words or the parties.
      for (const secret of ["Tools missing", "Dana R.", "cus_48213", "Sam's Plumbing"]) {
        expect(jsonText(post)).not.toContain(secret);
      }
      expect(pages()[0]).toMatchObject({ status: "exhausted", step: "escalation_channel" });

      await advance(60 * MINUTE);
      expect(dms(ana)).toHaveLength(1);
      expect(dms(ben)).toHaveLength(1);
      expect(escalations()).toHaveLength(1);
      expect(eventsOf("page_sent").map((e) => [e.payload.step, e.payload.to])).toEqual([
        ["primary", ana],
        ["secondary", ben],
      ]);
      expect(eventsOf("page_escalated").map((e) => e.payload)).toEqual([
        expect.objectContaining({ pageId: 1, to: escalationId, leads: [USERS.lead], step: "escalation_channel" }),
      ]);
    });

    it("invites the primary on call to the SEV2 war room as it is created", () => {
      expect(h.fake.members(roomId())).toContain(ana);
      expect(h.fake.members(roomId())).not.toContain(ben);
    });

    it("stops escalating when the primary acknowledges at 10 minutes", async () => {
      await advance(10 * MINUTE);
      const page = dms(ana)[0];
      const shownBeforeAck = h.fake.messagePayload(dmChannelId(h.fake, ana), page?.ts ?? "");
      const replies = await acknowledge(ana, dmChannelId(h.fake, ana), page);
      expect(replies).toEqual([expect.objectContaining({ replace_original: true })]);
      expect(jsonText(replies[0])).toContain(`Acknowledged by <@${ana}>`);
      expect(jsonText(replies[0])).not.toContain(ACTION.ackPage);
      expect(pages()[0]).toMatchObject({ status: "acknowledged", acked_by: ana, acked_at: h.clock.now() });
      // A second click (Slack had not shown the replaced message yet) changes nothing.
      expect(jsonText(dms(ana)[0]?.blocks)).not.toContain(ACTION.ackPage);
      const again = await acknowledge(ana, dmChannelId(h.fake, ana), page, shownBeforeAck);
      expect(again).toEqual([expect.objectContaining({ replace_original: false })]);
      expect(jsonText(again[0])).toContain(`Already acknowledged by <@${ana}>`);
      expect(eventsOf("page_acknowledged")).toEqual([
        expect.objectContaining({ actor: ana, payload: { pageId: 1, step: "primary", afterSeconds: 600 } }),
      ]);

      await advance(5 * MINUTE);
      expect(dms(ben)).toEqual([]);
      await advance(15 * MINUTE);
      expect(escalations()).toEqual([]);
      expect(eventsOf("page_sent")).toHaveLength(1);
      expect(eventsOf("page_escalated")).toEqual([]);
      expect(eventsOf("page_acknowledged")).toHaveLength(1);
    });

    it("lets the secondary acknowledge, which stops the channel post and brings them into the war room", async () => {
      await advance(15 * MINUTE);
      expect(h.fake.members(roomId())).not.toContain(ben);
      expect(ackButtonValue(dms(ana)[0])).toBe("1");
      await acknowledge(ben, dmChannelId(h.fake, ben), dms(ben)[0]);
      await h.settle();
      expect(h.fake.members(roomId())).toContain(ben);
      // The primary's DM, still showing its button, now says who took the page.
      expect(ackButtonValue(dms(ana)[0])).toBeUndefined();
      expect(jsonText(dms(ana)[0]?.blocks)).toContain(`Acknowledged by <@${ben}>`);
      expect(eventsOf("page_acknowledged").map((e) => e.payload)).toEqual([
        { pageId: 1, step: "secondary", afterSeconds: 900 },
      ]);
      await advance(15 * MINUTE);
      expect(escalations()).toEqual([]);
    });

    it("escalates exactly once across a restart between the primary and the secondary", async () => {
      await h.restart();
      await advance(15 * MINUTE);
      await h.restart();
      await advance(15 * MINUTE);
      await advance(15 * MINUTE);
      expect(dms(ana)).toHaveLength(1);
      expect(dms(ben)).toHaveLength(1);
      expect(escalations()).toHaveLength(1);
      expect(eventsOf("page_sent")).toHaveLength(2);
      expect(eventsOf("page_escalated")).toHaveLength(1);
    });

    it("does not DM the primary twice when its job runs again after a crash", async () => {
      // A crash after the DM was recorded but before its job was marked done: the lease runs out, it runs again.
      h.desk.database.sqlite
        .prepare("UPDATE jobs SET done_at = NULL, lease_until = NULL WHERE idempotency_key = 'page.notify:1:primary'")
        .run();
      await advance(1000);
      expect(dms(ana)).toHaveLength(1);
      expect(eventsOf("page_sent")).toHaveLength(1);
    });

    it("stops the ladder when the case is resolved, and will not page about it by hand", async () => {
      moveCase(h, CASE, "investigating", USERS.specialist);
      moveCase(h, CASE, "decision", USERS.specialist);
      moveCase(h, CASE, "resolved", USERS.specialist);
      await advance(30 * MINUTE);
      expect(dms(ben)).toEqual([]);
      expect(escalations()).toEqual([]);
      expect(await pageCommand(CASE)).toContain(`${CASE} is resolved: nobody needs paging about it.`);
      expect(pages()).toHaveLength(1);
    });

    it("lets someone page by hand once the ladder ran out without an acknowledgement", async () => {
      await advance(15 * MINUTE);
      await advance(15 * MINUTE);
      expect(pages()[0]).toMatchObject({ status: "exhausted", step: "escalation_channel" });
      expect(await pageCommand(`${CASE} ${who(cat)}`)).toContain(`Paging <@${cat}> about ${CASE}`);
      expect(pages()[1]).toMatchObject({ trigger: "manual", primary_user: cat, status: "paging" });
    });

    it("waits out a 429 and retries a 500 from chat.postMessage without posting twice", async () => {
      h.fake.inject("chat.postMessage", { status: 429, retryAfter: 30 });
      const secondaryDue = h.clock.now() + 15 * MINUTE;
      await advance(15 * MINUTE);
      // settle() waited out the 429 on the clock: Ben's DM went out exactly the 30 s Slack asked for later.
      expect(dms(ben)).toHaveLength(1);
      expect(h.clock.now()).toBe(secondaryDue + 30_000);
      expect(sql("SELECT done_at FROM jobs WHERE idempotency_key = 'page.notify:1:secondary'")).toEqual([
        { done_at: secondaryDue + 30_000 },
      ]);

      // Ben's DM went out 30 s late, so the channel waits his full 15 minutes from then.
      h.fake.inject("chat.postMessage", { status: 500 });
      await advance(15 * MINUTE - 1000);
      expect(escalations()).toEqual([]);
      await advance(1000);
      expect(escalations()).toEqual([]);
      await advance(60_000);
      expect(escalations()).toHaveLength(1);
      await advance(30 * MINUTE);
      expect(dms(ben)).toHaveLength(1);
      expect(escalations()).toHaveLength(1);
      expect(eventsOf("page_sent")).toHaveLength(2);
      expect(eventsOf("page_escalated")).toHaveLength(1);
    });
  });

  it("pages nobody for a SEV2 on Tuesday 11:00, even with someone on call", async () => {
    await addLayer(h, `all always 09:00 7 ${who(cat)}`);
    await openCaseAt(TUESDAY_11AM);
    await advance(60 * MINUTE);
    expect(pages()).toEqual([]);
    expect(sql("SELECT id FROM jobs WHERE kind = 'page.notify'")).toEqual([]);
    expect(dms(cat)).toEqual([]);
    expect(escalations()).toEqual([]);
  });

  it.each([
    ["Saturday 11:00", at(2026, 11, 28, 11)],
    ["Sunday 14:00", at(2026, 11, 29, 14)],
  ])("counts weekend daytime as out of hours: a SEV2 on %s pages the weekend primary", async (_, when) => {
    await openCaseAt(when);
    const [page] = pages();
    expect(pages()).toEqual([expect.objectContaining({ case_id: 1, trigger: "auto", step: "primary" })]);
    const primary = String(page?.primary_user);
    expect([ana, ben]).toContain(primary);
    expect(dms(primary)).toHaveLength(1);
    expect(jsonText(dms(primary)[0]?.blocks)).toContain("SEV2 case opened outside business hours");
  });

  it("counts a holiday as out of hours: a SEV2 on Thanksgiving at 11:00 pages the holiday layer", async () => {
    h.clock.set(at(2026, 11, 20, 12));
    const added = await h.driver.command({
      text: "holiday add 2026-11-26 Thanksgiving",
      userId: USERS.lead,
      channelId: h.triageChannelId,
    });
    expect((added.body as { text?: string }).text).toContain("Thanksgiving");
    await addLayer(h, `holiday holidays 09:00 1 ${who(cat)} ${who(ana)}`);
    await openCaseAt(at(2026, 11, 26, 11));
    expect(pages()).toEqual([expect.objectContaining({ primary_user: cat, secondary_user: ana })]);
    expect(dms(cat)).toHaveLength(1);
    // The next Thursday is an ordinary business day: no page.
    await openCaseAt(at(2026, 12, 3, 11), intakeValues({ category: "theft", title: "Another visit" }));
    expect(pages()).toHaveLength(1);
  });

  it("pages the weekday-evening layer for a SEV2 on Tuesday 20:00", async () => {
    await openCaseAt(at(2026, 12, 1, 20));
    expect(pages()).toEqual([expect.objectContaining({ primary_user: cat, secondary_user: null })]);
    expect(dms(cat)).toHaveLength(1);
    // A one-person rotation has no secondary: the ladder goes straight on to the channel, once.
    await advance(15 * MINUTE);
    expect(escalations()).toHaveLength(1);
    await advance(15 * MINUTE);
    expect(escalations()).toHaveLength(1);
  });

  it("always pages for a SEV1, in business hours too, escalating every 5 minutes", async () => {
    await addLayer(h, `all always 09:00 7 ${who(cat)} ${who(ana)}`);
    await openCaseAt(at(2026, 11, 25, 10), VIOLENCE);
    expect(dms(cat)).toHaveLength(1);
    expect(jsonText(dms(cat)[0]?.blocks)).toContain("SEV1 cases page the on-call at any hour");
    expect(jsonText(dms(cat)[0]?.blocks)).toContain("Acknowledge within 5 min");
    await advance(5 * MINUTE);
    expect(dms(ana)).toHaveLength(1);
    await advance(5 * MINUTE);
    expect(escalations()).toHaveLength(1);
  });

  it("gives each person a full ack window when the whole ladder fell due while the bot was down", async () => {
    h.clock.set(SATURDAY_2AM);
    await submitIntake(h, THEFT);
    // Forty minutes without a running scheduler: primary, secondary and channel are all overdue.
    await advance(40 * MINUTE);
    expect(dms(ana)).toHaveLength(1);
    expect(dms(ben)).toEqual([]);
    expect(escalations()).toEqual([]);
    await advance(15 * MINUTE - 1000);
    expect(dms(ben)).toEqual([]);
    await advance(1000);
    expect(dms(ben)).toHaveLength(1);
    expect(escalations()).toEqual([]);
    await advance(15 * MINUTE);
    expect(escalations()).toHaveLength(1);
    expect(eventsOf("page_sent")).toHaveLength(2);
    expect(eventsOf("page_escalated")).toHaveLength(1);
  });

  it("tells the channel once when a ladder with nobody on call fell due while the bot was down", async () => {
    h.clock.set(at(2026, 11, 25, 10));
    await submitIntake(h, VIOLENCE);
    await advance(30 * MINUTE);
    expect(escalations()).toHaveLength(1);
    expect(eventsOf("page_escalated")).toHaveLength(1);
  });

  describe("with nobody on call", () => {
    beforeEach(() => openCaseAt(at(2026, 11, 25, 10), VIOLENCE));

    it("goes straight to the escalation channel, once", async () => {
      expect(escalations()).toHaveLength(1);
      expect(jsonText(escalations()[0]?.blocks)).toContain(`<@${USERS.lead}>: nobody is on call to page about`);
      expect(pages()[0]).toMatchObject({ primary_user: null, status: "exhausted", step: "escalation_channel" });
      await advance(5 * MINUTE);
      await advance(5 * MINUTE);
      expect(escalations()).toHaveLength(1);
      expect(eventsOf("page_sent")).toEqual([]);
      expect(eventsOf("page_escalated")).toHaveLength(1);
    });

    it("refuses an Acknowledge from someone without a role, and takes a lead's from the channel", async () => {
      const post = escalations()[0];
      const refused = await acknowledge(NO_ROLE, escalationId, post);
      expect(jsonText(refused)).toContain("not permitted");
      await grantRole(h, NO_ROLE, "observer");
      expect(jsonText(await acknowledge(NO_ROLE, escalationId, post))).toContain("not permitted");
      expect(pages()[0]).toMatchObject({ status: "exhausted", acked_by: null });
      expect(eventsOf("page_acknowledged")).toEqual([]);

      const replies = await acknowledge(USERS.lead, escalationId, post);
      expect(jsonText(replies)).toContain(`Acknowledged by <@${USERS.lead}>`);
      expect(pages()[0]).toMatchObject({ status: "acknowledged", acked_by: USERS.lead });
      expect(eventsOf("page_acknowledged")).toHaveLength(1);
    });
  });

  describe("/incident page", () => {
    it("pages the on-call ladder about any case by hand, and refuses while that page is unacknowledged", async () => {
      await openCaseAt(SATURDAY_2AM, HARASSMENT);
      expect(pages()).toEqual([]);
      const reply = await pageCommand(CASE);
      expect(reply).toContain(`Paging <@${ana}> about ${CASE}`);
      expect(reply).toContain(`within 15 min: <@${ben}>, then <#${escalationId}>`);
      expect(pages()).toEqual([
        expect.objectContaining({
          trigger: "manual",
          requested_by: USERS.specialist,
          primary_user: ana,
          secondary_user: ben,
          ack_minutes: 15,
          dedupe_key: null,
        }),
      ]);
      await h.settle();
      expect(dms(ana)).toHaveLength(1);
      expect(jsonText(dms(ana)[0]?.blocks)).toContain(`<@${USERS.specialist}> paged about this case`);
      expect(jsonText(dms(ana)[0]?.blocks)).toContain("War room*\\nnone: the case is in its triage thread");

      const refused = await pageCommand(`${CASE} ${who(cat)}`);
      expect(refused).toContain(`Already paging <@${ana}> about ${CASE}`);
      expect(pages()).toHaveLength(1);

      await acknowledge(ana, dmChannelId(h.fake, ana), dms(ana)[0]);
      // The case lives in its triage thread: there is no room to invite to.
      expect(sql("SELECT id FROM jobs WHERE kind = 'war_room.invite' AND payload LIKE ?", `%${ana}%`)).toEqual([]);
      expect(eventsOf("page_acknowledged")).toHaveLength(1);

      const named = await pageCommand(`${who(cat)} ${CASE}`);
      expect(named).toContain(`Paging <@${cat}> about ${CASE}`);
      expect(pages()[1]).toMatchObject({ primary_user: cat, secondary_user: ana, trigger: "manual" });
      await h.settle();
      expect(dms(cat)).toHaveLength(1);
      await advance(15 * MINUTE);
      expect(dms(ana)).toHaveLength(2);
    });

    it("pages a named person from the war room, where the case is implied", async () => {
      await openCaseAt(at(2026, 11, 25, 10));
      expect(pages()).toEqual([]);
      const reply = await pageCommand(who(ben), USERS.specialist, roomId());
      expect(reply).toContain(`Paging <@${ben}> about ${CASE}`);
      expect(pages()).toEqual([expect.objectContaining({ primary_user: ben, secondary_user: null, ack_minutes: 15 })]);
      await h.settle();
      expect(dms(ben)).toHaveLength(1);
      expect(eventsOf("page_sent")).toEqual([
        expect.objectContaining({ payload: expect.objectContaining({ to: ben, trigger: "manual" }) }),
      ]);
    });

    it("refuses someone who may not page, a person who could not answer, and stray arguments", async () => {
      await openCaseAt(at(2026, 11, 25, 10));
      expect(await pageCommand(CASE, USERS.observer)).toContain("not permitted");
      expect(await pageCommand(`${CASE} ${who(NO_ROLE)}`)).toContain("no role that can answer a page");
      expect(await pageCommand(`${CASE} ${who(ana)} ${who(ben)}`)).toContain("Usage");
      expect(await pageCommand("")).toContain("Name a case");
      expect(pages()).toEqual([]);
    });
  });
});
