import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTION } from "../../src/slack/ids.ts";
import { moveCase } from "../support/caseState.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { type Harness, USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { ON_CALL, who } from "../support/onCall.ts";
import { PAGING_CASE as CASE, MINUTE, PagingDesk, SATURDAY_2AM } from "../support/pagingDesk.ts";

const { ana, ben, cat } = ON_CALL;

const desk = new PagingDesk();
const {
  sql,
  pages,
  eventsOf,
  dms,
  escalations,
  roomId,
  ackButtonValue,
  openCaseAt,
  advance,
  acknowledge,
  pageCommand,
} = desk;
let h: Harness;
let escalationId: string;

beforeEach(async () => {
  h = await desk.open();
  escalationId = desk.escalationId;
});
afterEach(desk.close);

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
