import { describe, expect, it } from "vitest";
import { type BusinessCalendar, defaultCalendar } from "../../src/core/businessHours.ts";
import {
  nextHandoffs,
  type OffDayShift,
  type Override,
  type Schedule,
  type ScheduleLayer,
  weekendAndHolidayShifts,
} from "../../src/core/onCall.ts";
import { allWeek, layer, layered, schedule } from "../support/onCallSchedules.ts";
import { LA, utc } from "../support/wallTime.ts";

describe("nextHandoffs", () => {
  it("lists the next three weekly hand-offs at 09:00 local across the DST change", () => {
    expect(nextHandoffs(allWeek, utc("2026-03-01T00:00:00Z"), 3)).toEqual([
      { at: utc("2026-03-02T17:00:00Z"), primary: "U_BEN", layer: "all week" },
      { at: utc("2026-03-09T16:00:00Z"), primary: "U_CAT", layer: "all week" },
      { at: utc("2026-03-16T16:00:00Z"), primary: "U_ANA", layer: "all week" },
    ]);
  });

  it("counts only hand-offs strictly after the start", () => {
    expect(nextHandoffs(allWeek, utc("2026-03-02T17:00:00Z"), 1)).toEqual([
      { at: utc("2026-03-09T16:00:00Z"), primary: "U_CAT", layer: "all week" },
    ]);
  });

  it("includes an override's start and end", () => {
    const covered = schedule(allWeek.layers.slice(), [
      { userId: "U_DAN", from: utc("2026-03-03T00:00:00Z"), to: utc("2026-03-04T00:00:00Z") },
    ]);
    expect(nextHandoffs(covered, utc("2026-03-02T18:00:00Z"), 2).map((h) => [h.at, h.primary])).toEqual([
      [utc("2026-03-03T00:00:00Z"), "U_DAN"],
      [utc("2026-03-04T00:00:00Z"), "U_BEN"],
    ]);
  });

  it("moves between layers: Friday evening, the weekend, Monday's early hours, Monday evening", () => {
    expect(nextHandoffs(layered, utc("2026-03-13T20:00:00Z"), 4)).toEqual([
      { at: utc("2026-03-14T00:00:00Z"), primary: "U_CAT", layer: "weekday evenings" }, // Fri 17:00 PDT
      { at: utc("2026-03-14T07:00:00Z"), primary: "U_WEN", layer: "weekends" }, // Sat 00:00 PDT
      { at: utc("2026-03-16T07:00:00Z"), primary: "U_CAT", layer: "weekday evenings" }, // Mon 00:00 PDT
      { at: utc("2026-03-17T00:00:00Z"), primary: "U_ANA", layer: "weekday evenings" }, // Mon 17:00 PDT
    ]);
  });

  it("looks eight weeks ahead and no further", () => {
    const handoffs = nextHandoffs(allWeek, utc("2026-03-01T00:00:00Z"), 20);
    expect(handoffs).toHaveLength(8);
    expect(handoffs.at(-1)?.at).toBe(utc("2026-04-20T16:00:00Z"));
  });

  it("finds only override edges ahead when one person always holds the pager", () => {
    const solo = layer("solo", { kind: "always" }, { users: ["U_ANA"] });
    const cover = (from: string, to: string): Override => ({ userId: "U_DAN", from: utc(from), to: utc(to) });
    expect(nextHandoffs(schedule([solo]), utc("2026-03-01T00:00:00Z"), 3)).toEqual([]);
    const covered = schedule([solo], [cover("2026-04-01T00:00:00Z", "2026-04-02T00:00:00Z")]);
    expect(nextHandoffs(covered, utc("2026-03-01T00:00:00Z"), 3)).toEqual([
      { at: utc("2026-04-01T00:00:00Z"), primary: "U_DAN", layer: "solo" },
      { at: utc("2026-04-02T00:00:00Z"), primary: "U_ANA", layer: "solo" },
    ]);
    const farOff = schedule([solo], [cover("2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z")]);
    expect(nextHandoffs(farOff, utc("2026-03-01T00:00:00Z"), 3)).toEqual([]);
  });

  it("returns nothing for a schedule nobody is ever on", () => {
    expect(nextHandoffs(schedule([]), utc("2026-03-01T00:00:00Z"), 3)).toEqual([]);
  });
});

describe("weekendAndHolidayShifts", () => {
  // A daily rotation handing off at 09:00 Los Angeles from Monday 2026-10-26: ANA, BEN, CAT, ANA, BEN (Fri),
  // CAT (Sat 09:00), ANA (Sun 09:00, after DST ended at 02:00 that morning).
  const daily = (window: ScheduleLayer["window"] = { kind: "always" }) =>
    layer("daily", window, { startsAt: utc("2026-10-26T16:00:00Z"), lengthHours: 24 });
  const office = defaultCalendar(LA);
  const withHoliday = (date: string, name: string): BusinessCalendar => ({ ...office, holidays: [{ date, name }] });
  const shift = (at: string, primary: string, layerName = "daily", holiday?: string): OffDayShift => ({
    at: utc(at),
    primary,
    layer: layerName,
    ...(holiday ? { holiday } : {}),
  });
  const cover = (userId: string, from: string, to: string): Override => ({ userId, from: utc(from), to: utc(to) });

  it.each<[string, Schedule, BusinessCalendar, string, string, OffDayShift[]]>([
    [
      "the DST weekend: Friday's person from Saturday 00:00 PDT, then each 09:00 hand-off, the Sunday one on PST",
      schedule([daily()]),
      office,
      "2026-10-30T19:00:00Z",
      "2026-11-03T00:00:00Z",
      [
        shift("2026-10-31T07:00:00Z", "U_BEN"),
        shift("2026-10-31T16:00:00Z", "U_CAT"),
        shift("2026-11-01T17:00:00Z", "U_ANA"),
      ],
    ],
    [
      "a weekly rotation carries on into Saturday and over Sunday midnight: one shift",
      allWeek,
      office,
      "2026-03-13T12:00:00Z",
      "2026-03-17T12:00:00Z",
      [shift("2026-03-14T07:00:00Z", "U_CAT", "all week")],
    ],
    [
      "a weekend layer after Friday's evening, then a holiday layer on the Tuesday",
      layered,
      withHoliday("2026-03-17", "St Patrick's Day"),
      "2026-03-13T20:00:00Z",
      "2026-03-18T20:00:00Z",
      [
        shift("2026-03-14T07:00:00Z", "U_WEN", "weekends"),
        shift("2026-03-17T07:00:00Z", "U_HOL", "holidays", "St Patrick's Day"),
      ],
    ],
    [
      "an override inside the weekend starts a shift, and so does the hand-back",
      schedule([daily({ kind: "weekends" })], [cover("U_DAN", "2026-10-31T19:00:00Z", "2026-10-31T23:00:00Z")]),
      office,
      "2026-10-30T00:00:00Z",
      "2026-11-02T00:00:00Z",
      [
        shift("2026-10-31T07:00:00Z", "U_BEN"),
        shift("2026-10-31T16:00:00Z", "U_CAT"),
        shift("2026-10-31T19:00:00Z", "U_DAN"),
        shift("2026-10-31T23:00:00Z", "U_CAT"),
        shift("2026-11-01T17:00:00Z", "U_ANA"),
      ],
    ],
    [
      "a Friday holiday runs into the weekend with the same person: one shift, named for the holiday",
      schedule([layer("weekly", { kind: "always" }, { startsAt: utc("2026-10-26T16:00:00Z") })]),
      withHoliday("2026-10-30", "Founders' Day"),
      "2026-10-29T00:00:00Z",
      "2026-11-03T00:00:00Z",
      [shift("2026-10-30T07:00:00Z", "U_ANA", "weekly", "Founders' Day")],
    ],
    [
      "a holiday nobody's layer covers has no shift",
      schedule([daily({ kind: "weekends" })]),
      withHoliday("2026-10-29", "Founders' Day"),
      "2026-10-28T00:00:00Z",
      "2026-10-30T00:00:00Z",
      [],
    ],
    [
      "weekend days are the calendar's: Saturday in Berlin starts Friday 16:00 in Los Angeles",
      schedule([daily()]),
      defaultCalendar("Europe/Berlin"),
      "2026-10-30T12:00:00Z",
      "2026-10-31T12:00:00Z",
      [shift("2026-10-30T23:00:00Z", "U_BEN")],
    ],
    [
      "a shift already under way at `from` is not a start; one at `to` is outside",
      schedule([daily()]),
      office,
      "2026-10-31T08:00:00Z",
      "2026-11-01T17:00:00Z",
      [shift("2026-10-31T16:00:00Z", "U_CAT")],
    ],
    [
      "a shift starting exactly at `from` is inside",
      schedule([daily()]),
      office,
      "2026-10-31T07:00:00Z",
      "2026-10-31T08:00:00Z",
      [shift("2026-10-31T07:00:00Z", "U_BEN")],
    ],
  ])("%s", (_case, onCallSchedule, calendar, from, to, expected) => {
    expect(weekendAndHolidayShifts(onCallSchedule, calendar, utc(from), utc(to))).toEqual(expected);
  });
});
