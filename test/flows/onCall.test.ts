import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, USERS } from "../support/harness.ts";
import { intakeValues, submitIntake } from "../support/intake.ts";
import { addLayer, addOnCallPeople, ON_CALL, onCallCommand, who } from "../support/onCall.ts";
import { localAt } from "../support/wallTime.ts";

const HOUR = 60 * 60_000;
const { ana, ben, cat } = ON_CALL;
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
    h.clock.set(localAt(2026, 11, 25, 10)); // Wednesday 10:00: neither window
    await addLayer(h, `evenings evenings=17:00-09:00 17:00 7 ${who(ana)}`);
    await addLayer(h, `weekend weekends 09:00 7 ${who(ben)} ${who(cat)}`);
    expect(nowLine(await onCallCommand(h, ""))).toContain("Nobody is on call");
    h.clock.set(localAt(2026, 11, 25, 20)); // Wednesday 20:00
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ana}>`);
    h.clock.set(localAt(2026, 11, 28, 2)); // Saturday 02:00
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ben}> (secondary <@${cat}>) · layer *weekend*`);
  });

  it("covers Monday's early hours with the weekday-evening layer once the weekend layer ends", async () => {
    await addLayer(h, `evenings evenings=17:00-09:00 17:00 7 ${who(ana)}`);
    await addLayer(h, `weekend weekends 09:00 7 ${who(ben)}`);
    h.clock.set(localAt(2026, 11, 30, 3)); // Monday 03:00
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ana}> (no secondary) · layer *evenings*`);
    h.clock.set(localAt(2026, 11, 29, 23, 59)); // Sunday 23:59
    const reply = await onCallCommand(h, "");
    expect(nowLine(reply)).toContain(`<@${ben}> (no secondary) · layer *weekend*`);
    expect(reply).toContain(
      `${seconds(localAt(2026, 11, 30, 0))}^{date_short_pretty} {time}|2026-11-30 08:00 UTC> (2026-11-30 00:00 America/Los_Angeles) → <@${ana}>`,
    );
  });

  it("reads the holiday layer's dates in the calendar's zone after the zone changes", async () => {
    await addLayer(h, `hol holidays 09:00 7 ${who(cat)}`); // added in Los Angeles
    expect(await onCallCommand(h, "")).toContain("*Layers*");
    const lead = (text: string) => h.driver.command({ text, userId: USERS.lead, channelId: h.triageChannelId });
    await lead("hours zone Asia/Tokyo");
    await lead("holiday add 2026-12-02 Founders Day");
    const tokyo = (d: number, hour: number) => localAt(2026, 12, d, hour, 0, "Asia/Tokyo");
    h.clock.set(tokyo(2, 0)); // Tokyo's holiday begins; still 2026-12-01 in Los Angeles
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${cat}> (no secondary) · layer *hol*`);
    h.clock.set(tokyo(3, 0)); // Tokyo's holiday is over; still 2026-12-02 in Los Angeles
    expect(nowLine(await onCallCommand(h, ""))).toContain("Nobody is on call");
  });

  it("lets an override win over the rotation for exactly its time", async () => {
    h.clock.set(localAt(2026, 11, 28, 1)); // Saturday 01:00
    await addLayer(h, `weekend weekends 09:00 7 ${who(ana)} ${who(ben)}`);
    const set = await onCallCommand(h, `override ${who(cat)} 2026-11-28 02:00 2026-11-28T06:30`);
    expect(set).toMatch(/^Override #\d+: <@U0CAT01> covers from/);
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ana}>`);
    h.clock.set(localAt(2026, 11, 28, 2));
    expect(nowLine(await onCallCommand(h, ""))).toContain(
      `<@${cat}> (secondary <@${ben}>) · layer *weekend*, covering`,
    );
    h.clock.set(localAt(2026, 11, 28, 6, 29));
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${cat}>`);
    h.clock.set(localAt(2026, 11, 28, 6, 30));
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ana}> (secondary <@${ben}>)`);
  });

  it("covers only the named person's turns with `for @user`, and cancels an override", async () => {
    h.clock.set(localAt(2026, 11, 28, 1));
    await addLayer(h, `weekend weekends 09:00 1 ${who(ana)} ${who(ben)}`);
    const set = await onCallCommand(h, `override ${who(cat)} now 2026-11-29 23:00 for ${who(ben)}`);
    const id = /#(\d+)/.exec(set)?.[1];
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ana}>`); // ana's turn: not covered
    h.clock.set(localAt(2026, 11, 28, 9)); // ben's turn starts: cat covers it
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${cat}>`);
    expect(await onCallCommand(h, `override cancel ${id}`)).toContain(`Override #${id}`);
    expect(nowLine(await onCallCommand(h, ""))).toContain(`<@${ben}>`);
    expect(await onCallCommand(h, `override cancel ${id}`)).toContain("no current override");
  });

  it("says which override it stored: a start in the past is now, and the length counts from then", async () => {
    h.clock.set(localAt(2026, 11, 25, 10));
    expect(await onCallCommand(h, `override ${who(cat)} 2025-11-01 00:00 2026-11-26 00:00`)).toBe(
      `Override #1: <@${cat}> covers from 2026-11-25 10:00 to 2026-11-26 00:00 (America/Los_Angeles).`,
    );
    expect(await onCallCommand(h, `override ${who(cat)} 2025-11-01 00:00 2026-12-27 00:00`)).toContain(
      "at most 31 days",
    );
  });

  it("refuses a local time that happens twice when the clocks go back", async () => {
    h.clock.set(localAt(2026, 10, 30, 12));
    // 2026-11-01 01:30 is both 08:30Z (PDT) and 09:30Z (PST) in Los Angeles.
    const reply = await onCallCommand(h, `override ${who(cat)} 2026-11-01 01:30 2026-11-01 05:00`);
    expect(reply).toContain("The start 2026-11-01 01:30 happens twice in America/Los_Angeles");
    expect(reply).toContain("outside the repeated hour");
    expect(await onCallCommand(h, `override ${who(cat)} 2026-11-01 00:30 2026-11-01 02:00`)).toBe(
      `Override #1: <@${cat}> covers from 2026-11-01 00:30 to 2026-11-01 02:00 (America/Los_Angeles).`,
    );
  });

  it("refuses an override starting more than a year ahead", async () => {
    expect(await onCallCommand(h, `override ${who(cat)} 2099-01-01 00:00 2099-01-02 00:00`)).toContain(
      "starts at most 366 days ahead",
    );
    expect(await onCallCommand(h, `override ${who(cat)} 2027-11-25 00:00 2027-11-26 00:00`)).toContain("Override #1");
  });

  it("keeps at most 20 layers and 50 current overrides, and lists ten of each", async () => {
    for (let i = 1; i <= 20; i++) await addLayer(h, `l${i} always 09:00 7 ${who(ana)}`);
    expect(await onCallCommand(h, `layer add l21 always 09:00 7 ${who(ana)}`)).toContain("already has 20 layers");
    for (let i = 0; i < 50; i++) {
      const day = String(1 + (i % 28)).padStart(2, "0");
      const reply = await onCallCommand(
        h,
        `override ${who(ben)} 2026-12-${day} 0${i % 10}:00 2026-12-${day} 0${i % 10}:30`,
      );
      expect(reply).toContain("Override #");
    }
    expect(await onCallCommand(h, `override ${who(ben)} 2026-12-30 01:00 2026-12-30 02:00`)).toContain(
      "already 50 current overrides",
    );
    const reply = await onCallCommand(h, "");
    expect(reply.match(/^• \*l\d+\* —/gm)).toHaveLength(10);
    expect(reply).toContain("…and 10 more");
    expect(reply.match(/^• #\d+ /gm)).toHaveLength(10);
    expect(reply).toContain("…and 40 more");
  });

  it("refuses an override that ends before it starts, is over, or is too long", async () => {
    h.clock.set(localAt(2026, 11, 28, 1));
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

  describe("someone who cannot take pages", () => {
    const role = async (userId: string, name: string) =>
      h.driver.command({ text: `role <@${userId}|x> ${name}`, userId: USERS.lead, channelId: h.triageChannelId });

    it("passes their turns to the next person and says why", async () => {
      await addLayer(h, `all always 09:00 7 ${who(ana)} ${who(ben)} ${who(cat)}`);
      await role(ana, "consultant");
      let reply = await onCallCommand(h, "");
      expect(nowLine(reply)).toContain(`<@${ben}> (secondary <@${cat}>) · layer *all*`);
      expect(reply).toContain(
        `<@${ana}> is in a rotation but cannot take pages (role: consultant); their turns pass to the next person`,
      );
      await role(ben, "none");
      reply = await onCallCommand(h, "");
      expect(nowLine(reply)).toContain(`<@${cat}> (no secondary)`);
      expect(reply).toContain(`<@${ben}> is in a rotation but cannot take pages (no role)`);
      await role(ana, "specialist");
      reply = await onCallCommand(h, "");
      expect(nowLine(reply)).toContain(`<@${ana}> (secondary <@${cat}>)`);
      expect(reply).not.toContain(`<@${ana}> is in a rotation`);
    });

    it("ignores their override", async () => {
      await addLayer(h, `all always 09:00 7 ${who(ana)} ${who(ben)}`);
      await onCallCommand(h, `override ${who(cat)} now 2026-11-26 10:00`);
      await role(cat, "observer");
      const reply = await onCallCommand(h, "");
      expect(nowLine(reply)).toContain(`<@${ana}> (secondary <@${ben}>) · layer *all*`);
      expect(reply).toContain(
        `<@${cat}> has an override but cannot take pages (role: observer); their overrides are ignored`,
      );
    });

    it("is neither paged about a SEV1 case nor invited to its war room; the next person is", async () => {
      await addLayer(h, `all always 09:00 7 ${who(ana)} ${who(ben)}`);
      await role(ana, "consultant");
      await submitIntake(h, intakeValues({ category: "physical-safety", title: "Pro was violent on site" }));
      await h.settle();
      const dmText = (userId: string) => {
        const dm = h.fake.channels().find((c) => c.is_im && c.user === userId);
        return dm ? JSON.stringify(h.fake.messages(dm.id)) : "";
      };
      expect(dmText(ben)).toContain("Pro was violent on site");
      expect(dmText(ana)).toBe("");
      const invited = JSON.stringify(h.fake.callsTo("conversations.invite"));
      expect(invited).toContain(ben);
      expect(invited).not.toContain(ana);
    });

    it("refuses to put the bot itself on call", async () => {
      const bot = who(h.fake.botUserId);
      expect(await onCallCommand(h, `layer add x always 09:00 7 ${who(ana)} ${bot}`)).toContain(
        "Incident Desk itself cannot be on call",
      );
      expect(await onCallCommand(h, `override ${bot} now 2026-11-26 10:00`)).toContain(
        "Incident Desk itself cannot be on call",
      );
    });
  });

  it("keeps the 09:00 hand-off at 09:00 local across the end of daylight saving time", async () => {
    // DST ends in Los Angeles on Sunday 2026-11-01 at 02:00: 09:00 is 16:00 UTC before and 17:00 UTC after.
    h.clock.set(localAt(2026, 10, 30, 12));
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
