import { describe, expect, it } from "vitest";
import { dmChannelId } from "../support/dmChannelId.ts";
import { USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { ON_CALL, who } from "../support/onCall.ts";
import {
  PAGING_CASE as CASE,
  HARASSMENT,
  MINUTE,
  NO_ROLE,
  SATURDAY_2AM,
  usePagingDesk,
} from "../support/pagingDesk.ts";
import { localAt } from "../support/wallTime.ts";

const { ana, ben, cat } = ON_CALL;

const desk = usePagingDesk();

describe("/incident page", () => {
  it("pages the on-call ladder about any case by hand, and refuses while that page is unacknowledged", async () => {
    await desk.openCaseAt(SATURDAY_2AM, HARASSMENT);
    expect(desk.pages()).toEqual([]);
    const reply = await desk.pageCommand(CASE);
    expect(reply).toContain(`Paging <@${ana}> about ${CASE}`);
    expect(reply).toContain(`within 15 min: <@${ben}>, then <#${desk.escalationId}>`);
    expect(desk.pages()).toEqual([
      expect.objectContaining({
        trigger: "manual",
        requested_by: USERS.specialist,
        primary_user: ana,
        secondary_user: ben,
        ack_minutes: 15,
        dedupe_key: null,
      }),
    ]);
    await desk.h.settle();
    expect(desk.dms(ana)).toHaveLength(1);
    expect(jsonText(desk.dms(ana)[0]?.blocks)).toContain(`<@${USERS.specialist}> paged about this case`);
    expect(jsonText(desk.dms(ana)[0]?.blocks)).toContain("War room*\\nnone: the case is in its triage thread");

    const refused = await desk.pageCommand(`${CASE} ${who(cat)}`);
    expect(refused).toContain(`Already paging <@${ana}> about ${CASE}`);
    expect(desk.pages()).toHaveLength(1);

    await desk.acknowledge(ana, dmChannelId(desk.h.fake, ana), desk.dms(ana)[0]);
    // The case lives in its triage thread: there is no room to invite to.
    expect(desk.sql("SELECT id FROM jobs WHERE kind = 'war_room.invite' AND payload LIKE ?", `%${ana}%`)).toEqual([]);
    expect(desk.eventsOf("page_acknowledged")).toHaveLength(1);

    const named = await desk.pageCommand(`${who(cat)} ${CASE}`);
    expect(named).toContain(`Paging <@${cat}> about ${CASE}`);
    expect(desk.pages()[1]).toMatchObject({ primary_user: cat, secondary_user: ana, trigger: "manual" });
    await desk.h.settle();
    expect(desk.dms(cat)).toHaveLength(1);
    await desk.advance(15 * MINUTE);
    expect(desk.dms(ana)).toHaveLength(2);
  });

  it("pages a named person from the war room, where the case is implied", async () => {
    await desk.openCaseAt(localAt(2026, 11, 25, 10));
    expect(desk.pages()).toEqual([]);
    const reply = await desk.pageCommand(who(ben), USERS.specialist, desk.roomId());
    expect(reply).toContain(`Paging <@${ben}> about ${CASE}`);
    expect(desk.pages()).toEqual([
      expect.objectContaining({ primary_user: ben, secondary_user: null, ack_minutes: 15 }),
    ]);
    await desk.h.settle();
    expect(desk.dms(ben)).toHaveLength(1);
    expect(desk.eventsOf("page_sent")).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ to: ben, trigger: "manual" }) }),
    ]);
  });

  it("refuses someone who may not page, a person who could not answer, and stray arguments", async () => {
    await desk.openCaseAt(localAt(2026, 11, 25, 10));
    expect(await desk.pageCommand(CASE, USERS.observer)).toContain("not permitted");
    expect(await desk.pageCommand(`${CASE} ${who(NO_ROLE)}`)).toContain("no role that can answer a page");
    expect(await desk.pageCommand(`${CASE} ${who(ana)} ${who(ben)}`)).toContain("Usage");
    expect(await desk.pageCommand("")).toContain("Name a case");
    expect(desk.pages()).toEqual([]);
  });
});
