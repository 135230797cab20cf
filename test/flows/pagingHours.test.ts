import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { grantRole, type Harness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { addLayer, ON_CALL, who } from "../support/onCall.ts";
import { MINUTE, NO_ROLE, PagingDesk, SATURDAY_2AM, THEFT, TUESDAY_11AM, VIOLENCE } from "../support/pagingDesk.ts";
import { localAt } from "../support/wallTime.ts";

const { ana, ben, cat } = ON_CALL;

const desk = new PagingDesk();
const { sql, pages, eventsOf, dms, escalations, openCaseAt, advance, acknowledge } = desk;
let h: Harness;
let escalationId: string;

beforeEach(async () => {
  h = await desk.open();
  escalationId = desk.escalationId;
});
afterEach(desk.close);

describe("paging the on-call person", () => {
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
    ["Saturday 11:00", localAt(2026, 11, 28, 11)],
    ["Sunday 14:00", localAt(2026, 11, 29, 14)],
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
    h.clock.set(localAt(2026, 11, 20, 12));
    const added = await h.driver.command({
      text: "holiday add 2026-11-26 Thanksgiving",
      userId: USERS.lead,
      channelId: h.triageChannelId,
    });
    expect((added.body as { text?: string }).text).toContain("Thanksgiving");
    await addLayer(h, `holiday holidays 09:00 1 ${who(cat)} ${who(ana)}`);
    await openCaseAt(localAt(2026, 11, 26, 11));
    expect(pages()).toEqual([expect.objectContaining({ primary_user: cat, secondary_user: ana })]);
    expect(dms(cat)).toHaveLength(1);
    // The next Thursday is an ordinary business day: no page.
    await openCaseAt(localAt(2026, 12, 3, 11), intakeValues({ category: "theft", title: "Another visit" }));
    expect(pages()).toHaveLength(1);
  });

  it("pages the weekday-evening layer for a SEV2 on Tuesday 20:00", async () => {
    await openCaseAt(localAt(2026, 12, 1, 20));
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
    await openCaseAt(localAt(2026, 11, 25, 10), VIOLENCE);
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
    h.clock.set(localAt(2026, 11, 25, 10));
    await submitIntake(h, VIOLENCE);
    await advance(30 * MINUTE);
    expect(escalations()).toHaveLength(1);
    expect(eventsOf("page_escalated")).toHaveLength(1);
  });

  describe("with nobody on call", () => {
    beforeEach(() => openCaseAt(localAt(2026, 11, 25, 10), VIOLENCE));

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
});
