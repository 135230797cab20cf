import { beforeEach, describe, expect, it } from "vitest";
import { grantRole, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { jsonText } from "../support/jsonText.ts";
import { addLayer, ON_CALL, who } from "../support/onCall.ts";
import { MINUTE, NO_ROLE, SATURDAY_2AM, THEFT, TUESDAY_11AM, usePagingDesk, VIOLENCE } from "../support/pagingDesk.ts";
import { localAt } from "../support/wallTime.ts";

const { ana, ben, cat } = ON_CALL;

const desk = usePagingDesk();

describe("paging the on-call person", () => {
  it("pages nobody for a SEV2 on Tuesday 11:00, even with someone on call", async () => {
    await addLayer(desk.h, `all always 09:00 7 ${who(cat)}`);
    await desk.openCaseAt(TUESDAY_11AM);
    await desk.advance(60 * MINUTE);
    expect(desk.pages()).toEqual([]);
    expect(desk.sql("SELECT id FROM jobs WHERE kind = 'page.notify'")).toEqual([]);
    expect(desk.dms(cat)).toEqual([]);
    expect(desk.escalations()).toEqual([]);
  });

  it.each([
    ["Saturday 11:00", localAt(2026, 11, 28, 11)],
    ["Sunday 14:00", localAt(2026, 11, 29, 14)],
  ])("counts weekend daytime as out of hours: a SEV2 on %s pages the weekend primary", async (_, when) => {
    await desk.openCaseAt(when);
    const [page] = desk.pages();
    expect(desk.pages()).toEqual([expect.objectContaining({ case_id: 1, trigger: "auto", step: "primary" })]);
    const primary = String(page?.primary_user);
    expect([ana, ben]).toContain(primary);
    expect(desk.dms(primary)).toHaveLength(1);
    expect(jsonText(desk.dms(primary)[0]?.blocks)).toContain("SEV2 case opened outside business hours");
  });

  it("counts a holiday as out of hours: a SEV2 on Thanksgiving at 11:00 pages the holiday layer", async () => {
    desk.h.clock.set(localAt(2026, 11, 20, 12));
    const added = await desk.h.driver.command({
      text: "holiday add 2026-11-26 Thanksgiving",
      userId: USERS.lead,
      channelId: desk.h.triageChannelId,
    });
    expect((added.body as { text?: string }).text).toContain("Thanksgiving");
    await addLayer(desk.h, `holiday holidays 09:00 1 ${who(cat)} ${who(ana)}`);
    await desk.openCaseAt(localAt(2026, 11, 26, 11));
    expect(desk.pages()).toEqual([expect.objectContaining({ primary_user: cat, secondary_user: ana })]);
    expect(desk.dms(cat)).toHaveLength(1);
    // The next Thursday is an ordinary business day: no page.
    await desk.openCaseAt(localAt(2026, 12, 3, 11), intakeValues({ category: "theft", title: "Another visit" }));
    expect(desk.pages()).toHaveLength(1);
  });

  it("pages the weekday-evening layer for a SEV2 on Tuesday 20:00", async () => {
    await desk.openCaseAt(localAt(2026, 12, 1, 20));
    expect(desk.pages()).toEqual([expect.objectContaining({ primary_user: cat, secondary_user: null })]);
    expect(desk.dms(cat)).toHaveLength(1);
    // A one-person rotation has no secondary: the ladder goes straight on to the channel, once.
    await desk.advance(15 * MINUTE);
    expect(desk.escalations()).toHaveLength(1);
    await desk.advance(15 * MINUTE);
    expect(desk.escalations()).toHaveLength(1);
  });

  it("always pages for a SEV1, in business hours too, escalating every 5 minutes", async () => {
    await addLayer(desk.h, `all always 09:00 7 ${who(cat)} ${who(ana)}`);
    await desk.openCaseAt(localAt(2026, 11, 25, 10), VIOLENCE);
    expect(desk.dms(cat)).toHaveLength(1);
    expect(jsonText(desk.dms(cat)[0]?.blocks)).toContain("SEV1 cases page the on-call at any hour");
    expect(jsonText(desk.dms(cat)[0]?.blocks)).toContain("Acknowledge within 5 min");
    await desk.advance(5 * MINUTE);
    expect(desk.dms(ana)).toHaveLength(1);
    await desk.advance(5 * MINUTE);
    expect(desk.escalations()).toHaveLength(1);
  });

  it("gives each person a full ack window when the whole ladder fell due while the bot was down", async () => {
    desk.h.clock.set(SATURDAY_2AM);
    await submitIntake(desk.h, THEFT);
    // Forty minutes without a running scheduler: primary, secondary and channel are all overdue.
    await desk.advance(40 * MINUTE);
    expect(desk.dms(ana)).toHaveLength(1);
    expect(desk.dms(ben)).toEqual([]);
    expect(desk.escalations()).toEqual([]);
    await desk.advance(15 * MINUTE - 1000);
    expect(desk.dms(ben)).toEqual([]);
    await desk.advance(1000);
    expect(desk.dms(ben)).toHaveLength(1);
    expect(desk.escalations()).toEqual([]);
    await desk.advance(15 * MINUTE);
    expect(desk.escalations()).toHaveLength(1);
    expect(desk.eventsOf("page_sent")).toHaveLength(2);
    expect(desk.eventsOf("page_escalated")).toHaveLength(1);
  });

  it("tells the channel once when a ladder with nobody on call fell due while the bot was down", async () => {
    desk.h.clock.set(localAt(2026, 11, 25, 10));
    await submitIntake(desk.h, VIOLENCE);
    await desk.advance(30 * MINUTE);
    expect(desk.escalations()).toHaveLength(1);
    expect(desk.eventsOf("page_escalated")).toHaveLength(1);
  });

  describe("with nobody on call", () => {
    beforeEach(() => desk.openCaseAt(localAt(2026, 11, 25, 10), VIOLENCE));

    it("goes straight to the escalation channel, once", async () => {
      expect(desk.escalations()).toHaveLength(1);
      expect(jsonText(desk.escalations()[0]?.blocks)).toContain(`<@${USERS.lead}>: nobody is on call to page about`);
      expect(desk.pages()[0]).toMatchObject({ primary_user: null, status: "exhausted", step: "escalation_channel" });
      await desk.advance(5 * MINUTE);
      await desk.advance(5 * MINUTE);
      expect(desk.escalations()).toHaveLength(1);
      expect(desk.eventsOf("page_sent")).toEqual([]);
      expect(desk.eventsOf("page_escalated")).toHaveLength(1);
    });

    it("refuses an Acknowledge from someone without a role, and takes a lead's from the channel", async () => {
      const post = desk.escalations()[0];
      const refused = await desk.acknowledge(NO_ROLE, desk.escalationId, post);
      expect(jsonText(refused)).toContain("not permitted");
      await grantRole(desk.h, NO_ROLE, "observer");
      expect(jsonText(await desk.acknowledge(NO_ROLE, desk.escalationId, post))).toContain("not permitted");
      expect(desk.pages()[0]).toMatchObject({ status: "exhausted", acked_by: null });
      expect(desk.eventsOf("page_acknowledged")).toEqual([]);

      const replies = await desk.acknowledge(USERS.lead, desk.escalationId, post);
      expect(jsonText(replies)).toContain(`Acknowledged by <@${USERS.lead}>`);
      expect(desk.pages()[0]).toMatchObject({ status: "acknowledged", acked_by: USERS.lead });
      expect(desk.eventsOf("page_acknowledged")).toHaveLength(1);
    });
  });
});
