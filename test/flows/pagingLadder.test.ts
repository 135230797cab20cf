import { beforeEach, describe, expect, it } from "vitest";
import { ACTION } from "../../src/slack/ids.ts";
import { moveCase } from "../support/caseState.ts";
import { dmChannelId } from "../support/dmChannelId.ts";
import { USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { ON_CALL, who } from "../support/onCall.ts";
import { PAGING_CASE as CASE, MINUTE, SATURDAY_2AM, usePagingDesk } from "../support/pagingDesk.ts";

const { ana, ben, cat } = ON_CALL;

const desk = usePagingDesk();

describe("a SEV2 case on Saturday 02:00 in the business zone", () => {
  beforeEach(() => desk.openCaseAt(SATURDAY_2AM));

  it("DMs the primary at once with the case and an Acknowledge button", () => {
    expect(desk.pages()).toEqual([
      expect.objectContaining({
        case_id: 1,
        trigger: "auto",
        requested_by: desk.h.desk.deps.botUserId,
        primary_user: ana,
        secondary_user: ben,
        ack_minutes: 15,
        status: "paging",
        step: "primary",
        dedupe_key: "auto:1",
      }),
    ]);
    const [dm] = desk.dms(ana);
    expect(desk.dms(ana)).toHaveLength(1);
    expect(jsonText(dm?.blocks)).toContain(`${CASE} · SEV2 · Theft`);
    expect(jsonText(dm?.blocks)).toContain("SEV2 case opened outside business hours");
    // The DM may go out while the war room is still being created; it never says there is none.
    expect(jsonText(dm?.blocks)).toMatch(/War room\*\\n(<#C\w+>|being opened; acknowledging brings you in)/);
    expect(jsonText(dm?.blocks)).toContain(`Acknowledge within 15 min, or <@${ben}> will be paged`);
    expect(desk.ackButtonValue(dm)).toBe(String(desk.pages()[0]?.id));
    expect(desk.dms(ben)).toEqual([]);
    expect(desk.escalations()).toEqual([]);
    expect(desk.eventsOf("page_sent").map((e) => e.payload)).toEqual([
      {
        pageId: 1,
        step: "primary",
        to: ana,
        trigger: "auto",
        requestedBy: desk.h.desk.deps.botUserId,
        message: { channel: dmChannelId(desk.h.fake, ana), ts: dm?.ts },
      },
    ]);
  });

  it("pages the secondary after 15 minutes, then the escalation channel mentioning the leads", async () => {
    await desk.advance(15 * MINUTE - 1000);
    expect(desk.dms(ben)).toEqual([]);
    await desk.advance(1000);
    expect(desk.dms(ben)).toHaveLength(1);
    expect(jsonText(desk.dms(ben)[0]?.blocks)).toContain("secondary on call");
    expect(jsonText(desk.dms(ben)[0]?.blocks)).toContain(`<#${desk.roomId()}>`);
    expect(desk.ackButtonValue(desk.dms(ben)[0])).toBe("1");
    expect(desk.escalations()).toEqual([]);

    await desk.advance(15 * MINUTE);
    expect(desk.escalations()).toHaveLength(1);
    const post = desk.escalations()[0];
    expect(jsonText(post?.blocks)).toContain(`<@${USERS.lead}>`);
    expect(jsonText(post?.blocks)).toContain(`nobody acknowledged the page about *${CASE} · SEV2 · Theft*`);
    expect(desk.ackButtonValue(post)).toBe("1");
    // The channel sees ids and labels, never the case's own words or the parties.
    for (const secret of ["Tools missing", "Dana R.", "cus_48213", "Sam's Plumbing"]) {
      expect(jsonText(post)).not.toContain(secret);
    }
    expect(desk.pages()[0]).toMatchObject({ status: "exhausted", step: "escalation_channel" });

    await desk.advance(60 * MINUTE);
    expect(desk.dms(ana)).toHaveLength(1);
    expect(desk.dms(ben)).toHaveLength(1);
    expect(desk.escalations()).toHaveLength(1);
    expect(desk.eventsOf("page_sent").map((e) => [e.payload.step, e.payload.to])).toEqual([
      ["primary", ana],
      ["secondary", ben],
    ]);
    expect(desk.eventsOf("page_escalated").map((e) => e.payload)).toEqual([
      expect.objectContaining({ pageId: 1, to: desk.escalationId, leads: [USERS.lead], step: "escalation_channel" }),
    ]);
  });

  it("invites the primary on call to the SEV2 war room as it is created", () => {
    expect(desk.h.fake.members(desk.roomId())).toContain(ana);
    expect(desk.h.fake.members(desk.roomId())).not.toContain(ben);
  });

  it("stops escalating when the primary acknowledges at 10 minutes", async () => {
    await desk.advance(10 * MINUTE);
    const page = desk.dms(ana)[0];
    const shownBeforeAck = desk.h.fake.messagePayload(dmChannelId(desk.h.fake, ana), page?.ts ?? "");
    const replies = await desk.acknowledge(ana, dmChannelId(desk.h.fake, ana), page);
    expect(replies).toEqual([expect.objectContaining({ replace_original: true })]);
    expect(jsonText(replies[0])).toContain(`Acknowledged by <@${ana}>`);
    expect(jsonText(replies[0])).not.toContain(ACTION.ackPage);
    expect(desk.pages()[0]).toMatchObject({ status: "acknowledged", acked_by: ana, acked_at: desk.h.clock.now() });
    // A second click (Slack had not shown the replaced message yet) changes nothing.
    expect(jsonText(desk.dms(ana)[0]?.blocks)).not.toContain(ACTION.ackPage);
    const again = await desk.acknowledge(ana, dmChannelId(desk.h.fake, ana), page, shownBeforeAck);
    expect(again).toEqual([expect.objectContaining({ replace_original: false })]);
    expect(jsonText(again[0])).toContain(`Already acknowledged by <@${ana}>`);
    expect(desk.eventsOf("page_acknowledged")).toEqual([
      expect.objectContaining({ actor: ana, payload: { pageId: 1, step: "primary", afterSeconds: 600 } }),
    ]);

    await desk.advance(5 * MINUTE);
    expect(desk.dms(ben)).toEqual([]);
    await desk.advance(15 * MINUTE);
    expect(desk.escalations()).toEqual([]);
    expect(desk.eventsOf("page_sent")).toHaveLength(1);
    expect(desk.eventsOf("page_escalated")).toEqual([]);
    expect(desk.eventsOf("page_acknowledged")).toHaveLength(1);
  });

  it("lets the secondary acknowledge, which stops the channel post and brings them into the war room", async () => {
    await desk.advance(15 * MINUTE);
    expect(desk.h.fake.members(desk.roomId())).not.toContain(ben);
    expect(desk.ackButtonValue(desk.dms(ana)[0])).toBe("1");
    await desk.acknowledge(ben, dmChannelId(desk.h.fake, ben), desk.dms(ben)[0]);
    await desk.h.settle();
    expect(desk.h.fake.members(desk.roomId())).toContain(ben);
    // The primary's DM, still showing its button, now says who took the page.
    expect(desk.ackButtonValue(desk.dms(ana)[0])).toBeUndefined();
    expect(jsonText(desk.dms(ana)[0]?.blocks)).toContain(`Acknowledged by <@${ben}>`);
    expect(desk.eventsOf("page_acknowledged").map((e) => e.payload)).toEqual([
      { pageId: 1, step: "secondary", afterSeconds: 900 },
    ]);
    await desk.advance(15 * MINUTE);
    expect(desk.escalations()).toEqual([]);
  });

  it("escalates exactly once across a restart between the primary and the secondary", async () => {
    await desk.h.restart();
    await desk.advance(15 * MINUTE);
    await desk.h.restart();
    await desk.advance(15 * MINUTE);
    await desk.advance(15 * MINUTE);
    expect(desk.dms(ana)).toHaveLength(1);
    expect(desk.dms(ben)).toHaveLength(1);
    expect(desk.escalations()).toHaveLength(1);
    expect(desk.eventsOf("page_sent")).toHaveLength(2);
    expect(desk.eventsOf("page_escalated")).toHaveLength(1);
  });

  it("does not DM the primary twice when its job runs again after a crash", async () => {
    // A crash after the DM was recorded but before its job was marked done: the lease runs out, it runs again.
    desk.h.desk.database.sqlite
      .prepare("UPDATE jobs SET done_at = NULL, lease_until = NULL WHERE idempotency_key = 'page.notify:1:primary'")
      .run();
    await desk.advance(1000);
    expect(desk.dms(ana)).toHaveLength(1);
    expect(desk.eventsOf("page_sent")).toHaveLength(1);
  });

  it("stops the ladder when the case is resolved, and will not page about it by hand", async () => {
    moveCase(desk.h, CASE, "investigating", USERS.specialist);
    moveCase(desk.h, CASE, "decision", USERS.specialist);
    moveCase(desk.h, CASE, "resolved", USERS.specialist);
    await desk.advance(30 * MINUTE);
    expect(desk.dms(ben)).toEqual([]);
    expect(desk.escalations()).toEqual([]);
    expect(await desk.pageCommand(CASE)).toContain(`${CASE} is resolved: nobody needs paging about it.`);
    expect(desk.pages()).toHaveLength(1);
  });

  it("lets someone page by hand once the ladder ran out without an acknowledgement", async () => {
    await desk.advance(15 * MINUTE);
    await desk.advance(15 * MINUTE);
    expect(desk.pages()[0]).toMatchObject({ status: "exhausted", step: "escalation_channel" });
    expect(await desk.pageCommand(`${CASE} ${who(cat)}`)).toContain(`Paging <@${cat}> about ${CASE}`);
    expect(desk.pages()[1]).toMatchObject({ trigger: "manual", primary_user: cat, status: "paging" });
  });

  it("waits out a 429 and retries a 500 from chat.postMessage without posting twice", async () => {
    desk.h.fake.inject("chat.postMessage", { status: 429, retryAfter: 30 });
    const secondaryDue = desk.h.clock.now() + 15 * MINUTE;
    await desk.advance(15 * MINUTE);
    // settle() waited out the 429 on the clock: Ben's DM went out exactly the 30 s Slack asked for later.
    expect(desk.dms(ben)).toHaveLength(1);
    expect(desk.h.clock.now()).toBe(secondaryDue + 30_000);
    expect(desk.sql("SELECT done_at FROM jobs WHERE idempotency_key = 'page.notify:1:secondary'")).toEqual([
      { done_at: secondaryDue + 30_000 },
    ]);

    // Ben's DM went out 30 s late, so the channel waits his full 15 minutes from then.
    desk.h.fake.inject("chat.postMessage", { status: 500 });
    await desk.advance(15 * MINUTE - 1000);
    expect(desk.escalations()).toEqual([]);
    await desk.advance(1000);
    expect(desk.escalations()).toEqual([]);
    await desk.advance(60_000);
    expect(desk.escalations()).toHaveLength(1);
    await desk.advance(30 * MINUTE);
    expect(desk.dms(ben)).toHaveLength(1);
    expect(desk.escalations()).toHaveLength(1);
    expect(desk.eventsOf("page_sent")).toHaveLength(2);
    expect(desk.eventsOf("page_escalated")).toHaveLength(1);
  });
});
