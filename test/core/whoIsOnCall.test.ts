import { describe, expect, it } from "vitest";
import { defaultCalendar } from "../../src/core/businessHours.ts";
import { DomainError } from "../../src/core/domainError.ts";
import { nextHandoffs, type Schedule, weekendAndHolidayShifts, whoIsOnCall } from "../../src/core/onCall.ts";
import { allWeek, evenings, layer, layered, schedule, weekends } from "../support/onCallSchedules.ts";
import { LA, utc } from "../support/wallTime.ts";

describe("whoIsOnCall: a weekly rotation handing off Mondays 09:00 Los Angeles", () => {
  it.each([
    ["at the first hand-off", "2026-02-23T17:00:00Z", "U_ANA", "U_BEN"],
    ["mid-week", "2026-02-26T20:00:00Z", "U_ANA", "U_BEN"],
    ["a minute before the second hand-off (08:59 PST)", "2026-03-02T16:59:00Z", "U_ANA", "U_BEN"],
    ["at the second hand-off (09:00 PST)", "2026-03-02T17:00:00Z", "U_BEN", "U_CAT"],
    ["on the Sunday of the DST change", "2026-03-08T20:00:00Z", "U_BEN", "U_CAT"],
    ["a minute before the first hand-off on PDT (08:59 PDT)", "2026-03-09T15:59:00Z", "U_BEN", "U_CAT"],
    ["at 09:00 PDT, an hour earlier in UTC", "2026-03-09T16:00:00Z", "U_CAT", "U_ANA"],
    [
      "at 16:30Z, still 09:30 local, not a fixed 168 hours after the PST hand-off",
      "2026-03-09T16:30:00Z",
      "U_CAT",
      "U_ANA",
    ],
    ["after wrapping round to the first user", "2026-03-16T16:00:00Z", "U_ANA", "U_BEN"],
  ])("%s (%s): %s primary, %s secondary", (_case, at, primary, secondary) => {
    expect(whoIsOnCall(allWeek, utc(at))).toEqual({ primary, secondary, layer: "all week", viaOverride: false });
  });

  it("has nobody on call before the rotation's first hand-off", () => {
    expect(whoIsOnCall(allWeek, utc("2026-02-23T16:59:00Z"))).toBeUndefined();
  });

  it("takes the secondary that many places further along the rotation", () => {
    const twoAhead = schedule([layer("all week", { kind: "always" })], [], 2);
    expect(whoIsOnCall(twoAhead, utc("2026-03-02T17:00:00Z"))).toMatchObject({ primary: "U_BEN", secondary: "U_ANA" });
  });

  it("has no secondary in a one-person rotation", () => {
    const solo = schedule([layer("solo", { kind: "always" }, { users: ["U_ANA"] })]);
    expect(whoIsOnCall(solo, utc("2026-03-02T17:00:00Z"))).toMatchObject({ primary: "U_ANA", secondary: undefined });
  });

  it("hands off daily rotations at the local time too", () => {
    const daily = schedule([layer("daily", { kind: "always" }, { lengthHours: 24 })]);
    expect(whoIsOnCall(daily, utc("2026-03-09T15:59:00Z"))?.primary).toBe("U_BEN"); // turn 13
    expect(whoIsOnCall(daily, utc("2026-03-09T16:00:00Z"))?.primary).toBe("U_CAT"); // turn 14, 09:00 PDT
  });
});

describe("whoIsOnCall: layers", () => {
  it.each([
    ["Friday 20:00, a weekday evening", "2026-03-14T03:00:00Z", "weekday evenings", "U_CAT"],
    ["Saturday 08:00, where the weekend beats Friday's evening", "2026-03-14T15:00:00Z", "weekends", "U_WEN"],
    ["Saturday noon", "2026-03-14T19:00:00Z", "weekends", "U_WEN"],
    ["Sunday 23:59", "2026-03-16T06:59:00Z", "weekends", "U_WEN"],
    ["Monday 00:00, the weekend over: Monday's early hours", "2026-03-16T07:00:00Z", "weekday evenings", "U_CAT"],
    ["Monday 08:59, still Monday's early hours", "2026-03-16T15:59:00Z", "weekday evenings", "U_CAT"],
    ["Monday 09:00, business hours", "2026-03-16T16:00:00Z", undefined, undefined],
    ["Monday 17:00, the evening of the next rotation week", "2026-03-17T00:00:00Z", "weekday evenings", "U_ANA"],
    ["the holiday's first minute, during Monday's evening", "2026-03-17T07:00:00Z", "holidays", "U_HOL"],
    ["the holiday at 11:00, outside any other layer", "2026-03-17T18:00:00Z", "holidays", "U_HOL"],
    ["Wednesday 11:00, business hours on a normal day", "2026-03-18T18:00:00Z", undefined, undefined],
    ["Wednesday 08:59, the end of Tuesday's evening", "2026-03-18T15:59:00Z", "weekday evenings", "U_ANA"],
  ])("%s (%s): %s layer, %s primary", (_case, at, layerName, primary) => {
    const onCall = whoIsOnCall(layered, utc(at));
    expect(onCall?.layer).toBe(layerName);
    expect(onCall?.primary).toBe(primary);
  });

  it("lets the later layer win, so listing weekday evenings last gives them Saturday morning", () => {
    const eveningsLast = schedule([weekends, evenings]);
    expect(whoIsOnCall(eveningsLast, utc("2026-03-14T15:00:00Z"))?.layer).toBe("weekday evenings");
  });

  it.each([
    ["Saturday 03:00, Friday night going on", "2026-03-14T10:00:00Z", "weekday evenings"],
    ["Sunday 03:00, after a Saturday that is no weekday", "2026-03-15T10:00:00Z", undefined],
    ["Monday 03:00, the morning of a weekday", "2026-03-16T10:00:00Z", "weekday evenings"],
  ])("covers weekday evenings into the next morning and every weekday's early hours: %s", (_case, at, layerName) => {
    expect(whoIsOnCall(schedule([evenings]), utc(at))?.layer).toBe(layerName);
  });

  it("keeps evenings that end the same day from spilling into the next", () => {
    const shortEvenings = schedule([layer("evenings", { kind: "weekday_evenings", from: "18:00", to: "22:00" })]);
    expect(whoIsOnCall(shortEvenings, utc("2026-03-11T04:59:00Z"))?.layer).toBe("evenings"); // Tue 21:59
    expect(whoIsOnCall(shortEvenings, utc("2026-03-11T05:00:00Z"))).toBeUndefined(); // Tue 22:00
  });
});

describe("whoIsOnCall: overrides", () => {
  const benWeek = { from: utc("2026-03-03T00:00:00Z"), to: utc("2026-03-04T00:00:00Z") };
  const during = utc("2026-03-03T12:00:00Z");

  it("puts the covering user on call in the window, keeping the rotation's secondary", () => {
    const covered = schedule(allWeek.layers.slice(), [{ userId: "U_DAN", ...benWeek }]);
    expect(whoIsOnCall(covered, during)).toEqual({
      primary: "U_DAN",
      secondary: "U_CAT",
      layer: "all week",
      viaOverride: true,
    });
  });

  it("ends the cover at its end instant", () => {
    const covered = schedule(allWeek.layers.slice(), [{ userId: "U_DAN", ...benWeek }]);
    expect(whoIsOnCall(covered, benWeek.to)).toMatchObject({ primary: "U_BEN", viaOverride: false });
  });

  it.each([
    ["covers the replaced user while they are primary", "U_BEN", "U_DAN", true],
    ["does nothing while the replaced user is not primary", "U_ANA", "U_BEN", false],
  ])("%s", (_case, replaces, primary, viaOverride) => {
    const covered = schedule(allWeek.layers.slice(), [{ userId: "U_DAN", replaces, ...benWeek }]);
    expect(whoIsOnCall(covered, during)).toMatchObject({ primary, viaOverride });
  });

  it("drops the secondary when the secondary covers the primary", () => {
    const covered = schedule(allWeek.layers.slice(), [{ userId: "U_CAT", ...benWeek }]);
    expect(whoIsOnCall(covered, during)).toMatchObject({ primary: "U_CAT", secondary: undefined });
  });

  it("covers a time no layer does, under the schedule's name", () => {
    const covered = schedule([evenings], [{ userId: "U_DAN", ...benWeek }]);
    expect(whoIsOnCall(covered, utc("2026-03-03T19:00:00Z"))).toEqual({
      primary: "U_DAN",
      secondary: undefined,
      layer: "T&S on-call",
      viaOverride: true,
    });
  });
});

describe("holiday layers read their dates in the calendar's zone", () => {
  // Tokyo is 17 hours ahead of Los Angeles in December: Tokyo's 2026-12-02 is LA's 12-01 07:00 to 12-02 07:00.
  const tokyoHoliday = layer(
    "holidays",
    { kind: "holidays", dates: ["2026-12-02"], timeZone: "Asia/Tokyo" },
    { users: ["U_HOL"] },
  );

  it.each([
    ["Tokyo's holiday begins on LA's 12-01", "2026-12-01T15:00:00Z", "U_HOL"],
    ["Tokyo's 12-03 is no holiday, though LA's 12-02 still is", "2026-12-02T15:00:00Z", undefined],
  ])("%s (%s): %s", (_case, at, primary) => {
    expect(whoIsOnCall(schedule([tokyoHoliday]), utc(at))?.primary).toBe(primary);
  });

  it("hands off at the calendar zone's midnight", () => {
    expect(nextHandoffs(schedule([tokyoHoliday]), utc("2026-12-01T12:00:00Z"), 1)).toEqual([
      { at: utc("2026-12-01T15:00:00Z"), primary: "U_HOL", layer: "holidays" },
    ]);
  });
});

describe("people who cannot take pages", () => {
  const without = (onCallSchedule: Schedule, ...userIds: string[]): Schedule => ({
    ...onCallSchedule,
    unavailable: new Set(userIds),
  });

  it.each([
    ["passes their turn to the next person, the secondary after", "2026-03-02T17:00:00Z", "U_CAT", "U_ANA"],
    [
      "leaves the turn before theirs alone, with the next available secondary",
      "2026-02-23T17:00:00Z",
      "U_ANA",
      "U_CAT",
    ],
    ["leaves the turn after theirs alone", "2026-03-09T16:00:00Z", "U_CAT", "U_ANA"],
  ])("%s (%s): %s primary, %s secondary", (_case, at, primary, secondary) => {
    expect(whoIsOnCall(without(allWeek, "U_BEN"), utc(at))).toMatchObject({ primary, secondary });
  });

  it("counts the secondary offset among those who can take pages", () => {
    const twoAhead = schedule(
      [layer("all week", { kind: "always" }, { users: ["U_ANA", "U_BEN", "U_CAT", "U_DAN"] })],
      [],
      2,
    );
    expect(whoIsOnCall(without(twoAhead, "U_BEN"), utc("2026-02-23T17:00:00Z"))).toMatchObject({
      primary: "U_ANA",
      secondary: "U_DAN",
    });
  });

  it("lets the layer below apply when nobody in a layer can take pages", () => {
    const onTop = schedule([...allWeek.layers, layer("solo", { kind: "always" }, { users: ["U_DAN"] })]);
    expect(whoIsOnCall(without(onTop, "U_DAN"), utc("2026-03-02T17:00:00Z"))).toMatchObject({
      primary: "U_BEN",
      layer: "all week",
    });
  });

  it("ignores their overrides", () => {
    const covered = schedule(allWeek.layers.slice(), [
      { userId: "U_DAN", from: utc("2026-03-03T00:00:00Z"), to: utc("2026-03-04T00:00:00Z") },
    ]);
    expect(whoIsOnCall(without(covered, "U_DAN"), utc("2026-03-03T12:00:00Z"))).toMatchObject({
      primary: "U_BEN",
      viaOverride: false,
    });
  });

  it("leaves them out of the hand-offs: the person after them carries on", () => {
    expect(nextHandoffs(without(allWeek, "U_BEN"), utc("2026-03-01T00:00:00Z"), 2)).toEqual([
      { at: utc("2026-03-02T17:00:00Z"), primary: "U_CAT", layer: "all week" },
      { at: utc("2026-03-16T16:00:00Z"), primary: "U_ANA", layer: "all week" },
    ]);
  });

  it("gives them no weekend shift", () => {
    // Daily from Monday 2026-10-26: BEN holds Friday into Saturday, CAT's Saturday turn passes to ANA, who
    // then carries on through her own Sunday turn.
    const daily = layer("daily", { kind: "always" }, { startsAt: utc("2026-10-26T16:00:00Z"), lengthHours: 24 });
    const shifts = weekendAndHolidayShifts(
      without(schedule([daily]), "U_CAT"),
      defaultCalendar(LA),
      utc("2026-10-30T19:00:00Z"),
      utc("2026-11-03T00:00:00Z"),
    );
    expect(shifts.map((s) => [s.at, s.primary])).toEqual([
      [utc("2026-10-31T07:00:00Z"), "U_BEN"],
      [utc("2026-10-31T16:00:00Z"), "U_ANA"],
    ]);
  });
});

describe("invalid schedules", () => {
  it.each([
    ["a rotation length that is not whole days", { lengthHours: 36 }, /multiple of 24 hours/],
    ["a rotation that starts off its hand-off time", { startsAt: utc("2026-02-23T18:00:00Z") }, /hand-off time 09:00/],
    ["a malformed hand-off time", { handoffTime: "9am" }, /"HH:MM"/],
    ["an empty rotation", { users: [] }, /no users/],
  ])("rejects %s", (_case, rotation, message) => {
    const bad = schedule([layer("bad", { kind: "always" }, rotation)]);
    expect(() => whoIsOnCall(bad, utc("2026-03-02T17:00:00Z"))).toThrow(message);
    expect(() => whoIsOnCall(bad, utc("2026-03-02T17:00:00Z"))).toThrow(DomainError);
  });

  it("rejects an unknown time zone", () => {
    const bad = schedule([{ ...layer("bad", { kind: "always" }), timeZone: "Mars/Olympus" }]);
    expect(() => whoIsOnCall(bad, utc("2026-03-02T17:00:00Z"))).toThrow(/Unknown time zone/);
  });
});
