import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dmChannelId } from "../support/dmChannelId.ts";
import { type Harness, USERS } from "../support/harness.ts";
import { jsonText } from "../support/jsonText.ts";
import { ON_CALL, who } from "../support/onCall.ts";
import { PAGING_CASE as CASE, HARASSMENT, MINUTE, NO_ROLE, PagingDesk, SATURDAY_2AM } from "../support/pagingDesk.ts";
import { localAt } from "../support/wallTime.ts";

const { ana, ben, cat } = ON_CALL;

const desk = new PagingDesk();
const { sql, pages, eventsOf, dms, roomId, openCaseAt, advance, acknowledge, pageCommand } = desk;
let h: Harness;
let escalationId: string;

beforeEach(async () => {
  h = await desk.open();
  escalationId = desk.escalationId;
});
afterEach(desk.close);

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
    await openCaseAt(localAt(2026, 11, 25, 10));
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
    await openCaseAt(localAt(2026, 11, 25, 10));
    expect(await pageCommand(CASE, USERS.observer)).toContain("not permitted");
    expect(await pageCommand(`${CASE} ${who(NO_ROLE)}`)).toContain("no role that can answer a page");
    expect(await pageCommand(`${CASE} ${who(ana)} ${who(ben)}`)).toContain("Usage");
    expect(await pageCommand("")).toContain("Name a case");
    expect(pages()).toEqual([]);
  });
});
