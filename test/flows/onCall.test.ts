import { TZDate } from "@date-fns/tz";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { addLayer, addOnCallPeople, ON_CALL, onCallCommand, who } from "../support/onCall.ts";

const LA = "America/Los_Angeles";
const HOUR = 60 * 60_000;
const { ana, ben, cat } = ON_CALL;
const at = (y: number, m: number, d: number, h: number, min = 0) => new TZDate(y, m - 1, d, h, min, LA).getTime();
/** The first line of `/incident oncall`: who holds the pager now. */
const nowLine = (reply: string) => reply.split("\n")[0] ?? "";
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe("on-call schedule", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    await addOnCallPeople(h);
  });
  afterEach(() => h.close());

  it("says nobody is on call before a lead sets up a rotation", async () => {
    expect(nowLine(await onCallCommand(h, "", USERS.specialist))).toContain("Nobody is on call");
  });

  it("lets only leads change the schedule, and everyone who works cases read it", async () => {
    const refused = await onCallCommand(h, `layer add all always 09:00 7 ${who(ana)}`, USERS.specialist);
    expect(refused).toContain("not permitted");
    await addLayer(h, `all always 09:00 7 ${who(ana)} ${who(ben)}`);
    expect(nowLine(await onCallCommand(h, "", USERS.observer))).toContain(`<@${ana}> (secondary <@${ben}>)`);
    expect(await onCallCommand(h, `layer remove all`, USERS.specialist)).toContain("not permitted");
  });

  it("refuses a rotation it cannot page and says why", async () => {
    expect(await onCallCommand(h, `layer add x always 25:00 7 ${who(ana)}`)).toContain("Usage");
    expect(await onCallCommand(h, `layer add x sometimes 09:00 7 ${who(ana)}`)).toContain("Usage");
    expect(await onCallCommand(h, `layer add x always 09:00 0 ${who(ana)}`)).toContain("every 1 to 28 days");
    expect(await onCallCommand(h, `layer add x always 09:00 7 ${who(ana)} ${who(ana)}`)).toContain("once");
    expect(await onCallCommand(h, `layer add x always 09:00 7 ${who("U0NOROLE")}`)).toContain("no role that can");
    await addLayer(h, `x always 09:00 7 ${who(ana)}`);
    expect(await onCallCommand(h, `layer add x weekends 09:00 7 ${who(ben)}`)).toContain("exists");
    expect(await onCallCommand(h, "layer remove nope")).toContain("no on-call layer named nope");
  });

  it("uses the weekend layer on weekends and the weekday-evening layer on weekday nights", async () => {
    h.clock.set(at(2026, 11, 25, 10)); // Wednesday 10:00: neither window
    await addLayer(h, `evenings evenings=17:00-09:00 17:00 7 ${who(ana)}`);
    await addLayer(h, `weekend weekends 09:00 7 ${who(ben)} ${who(cat)}`);
    expect(nowLine(await onCallCommand(h, ""))).toContain("Nobody is on call");
    h.clock.set(at(2026, 11, 25, 20)); // Wednesday 20:00
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ana}>`);
    h.clock.set(at(2026, 11, 28, 2)); // Saturday 02:00
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ben}> (secondary <@${cat}>) · layer *weekend*`);
  });

  it("lets an override win over the rotation for exactly its time", async () => {
    h.clock.set(at(2026, 11, 28, 1)); // Saturday 01:00
    await addLayer(h, `weekend weekends 09:00 7 ${who(ana)} ${who(ben)}`);
    const set = await onCallCommand(h, `override ${who(cat)} 2026-11-28 02:00 2026-11-28T06:30`);
    expect(set).toMatch(/^Override #\d+: <@U0CAT01> covers from/);
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ana}>`);
    h.clock.set(at(2026, 11, 28, 2));
    expect(nowLine(await onCallCommand(h, ""))).toContain(
      `<@${cat}> (secondary <@${ben}>) · layer *weekend*, covering`,
    );
    h.clock.set(at(2026, 11, 28, 6, 29));
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${cat}>`);
    h.clock.set(at(2026, 11, 28, 6, 30));
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ana}> (secondary <@${ben}>)`);
  });

  it("covers only the named person's turns with `for @user`, and cancels an override", async () => {
    h.clock.set(at(2026, 11, 28, 1));
    await addLayer(h, `weekend weekends 09:00 1 ${who(ana)} ${who(ben)}`);
    const set = await onCallCommand(h, `override ${who(cat)} now 2026-11-29 23:00 for ${who(ben)}`);
    const id = /#(\d+)/.exec(set)?.[1];
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ana}>`); // ana's turn: not covered
    h.clock.set(at(2026, 11, 28, 9)); // ben's turn starts: cat covers it
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${cat}>`);
    expect(await onCallCommand(h, `override cancel ${id}`)).toContain(`Override #${id}`);
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ben}>`);
    expect(await onCallCommand(h, `override cancel ${id}`)).toContain("no current override");
  });

  it("refuses an override that ends before it starts, is over, or is too long", async () => {
    h.clock.set(at(2026, 11, 28, 1));
    expect(await onCallCommand(h, `override ${who(cat)} 2026-11-28 05:00 2026-11-28 04:00`)).toContain("end after");
    expect(await onCallCommand(h, `override ${who(cat)} 2026-11-27 05:00 2026-11-27 06:00`)).toContain(
      "already be over",
    );
    expect(await onCallCommand(h, `override ${who(cat)} now 2027-01-28 04:00`)).toContain("at most 31 days");
    expect(await onCallCommand(h, `override ${who(cat)} 2026-02-30 05:00 2026-11-28 06:00`)).toContain(
      "2026-11-28 09:00",
    );
    expect(await onCallCommand(h, `override ${who(cat)} tomorrow`)).toContain("Usage");
  });

  it("keeps the 09:00 hand-off at 09:00 local across the end of daylight saving time", async () => {
    // DST ends in Los Angeles on Sunday 2026-11-01 at 02:00: 09:00 is 16:00 UTC before and 17:00 UTC after.
    h.clock.set(at(2026, 10, 30, 12));
    await addLayer(h, `daily always 09:00 1 ${who(ana)} ${who(ben)}`);
    const reply = await onCallCommand(h, "");
    expect(reply).toContain(`${seconds(Date.UTC(2026, 9, 31, 16))}^`);
    expect(reply).toContain(`${seconds(Date.UTC(2026, 10, 1, 17))}^`);
    expect(reply).toContain("2026-11-01 09:00 America/Los_Angeles");
    h.clock.set(Date.UTC(2026, 10, 1, 16, 59)); // Sunday 08:59 PST
    const before = nowLine(await onCallCommand(h, ""));
    h.clock.set(Date.UTC(2026, 10, 1, 17)); // Sunday 09:00 PST
    const after = nowLine(await onCallCommand(h, ""));
    expect(before).toContain(`<@${ben}>`); // Fri 12:00 ana, Sat 09:00 ben, Sun 09:00 ana
    expect(after).toContain(`<@${ana}>`);
    h.clock.set(Date.UTC(2026, 10, 1, 16) + HOUR / 2); // 08:30 PST: still before the hand-off
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ben}>`);
  });
});
