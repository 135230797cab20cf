import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween,
  businessTimeAt,
  checkWeeklyHours,
  defaultCalendar,
  holidayOn,
  isBusinessTime,
  nextBusinessStart,
} from "../../src/core/businessHours.ts";
import { DomainError } from "../../src/core/domainError.ts";
import { BUSINESS_DAY_MINUTES } from "../../src/core/severity.ts";
import { la } from "../support/wallTime.ts";

const ZONE = "America/Los_Angeles";
const HOUR = 60;

const iso = (at: number): string => new Date(at).toISOString();

const office = defaultCalendar(ZONE);
const withThanksgiving: BusinessCalendar = { ...office, holidays: [{ date: "2026-11-26", name: "Thanksgiving" }] };

describe("defaultCalendar", () => {
  it("opens Monday to Friday for one business day of 09:00–17:00", () => {
    expect(businessMinutesBetween(office, la("2026-03-10 00:00"), la("2026-03-11 00:00"))).toBe(BUSINESS_DAY_MINUTES);
    expect(office.weekly[0]).toEqual([]);
    expect(office.weekly[6]).toEqual([]);
    expect(office.holidays).toEqual([]);
  });
});

describe("isBusinessTime", () => {
  it.each([
    ["Tuesday 11:00", office, "2026-03-10 11:00", true],
    ["Saturday 02:00", office, "2026-03-07 02:00", false],
    ["Sunday 11:00", office, "2026-03-08 11:00", false],
    ["Monday 08:59, a minute before opening", office, "2026-03-09 08:59", false],
    ["Monday 09:00, the opening minute", office, "2026-03-09 09:00", true],
    ["Monday 16:59, the last minute", office, "2026-03-09 16:59", true],
    ["Monday 17:00, closing time", office, "2026-03-09 17:00", false],
    ["Thanksgiving 11:00 when configured as a holiday", withThanksgiving, "2026-11-26 11:00", false],
    ["Thanksgiving 11:00 when not configured", office, "2026-11-26 11:00", true],
    ["the day after Thanksgiving", withThanksgiving, "2026-11-27 11:00", true],
  ])("%s → %s", (_label, cal, wallTime, expected) => {
    expect(isBusinessTime(cal, la(wallTime))).toBe(expected);
  });

  it.each([
    ["the Monday after spring-forward (PDT, UTC−7)", "2026-03-09T16:00:00.000Z"],
    ["the Friday before spring-forward (PST, UTC−8)", "2026-03-06T17:00:00.000Z"],
    ["the Friday before fall-back (PDT, UTC−7)", "2026-10-30T16:00:00.000Z"],
    ["the Monday after fall-back (PST, UTC−8)", "2026-11-02T17:00:00.000Z"],
  ])("opens at exactly 09:00 local on %s: %s", (_label, opening) => {
    const at = Date.parse(opening);
    expect(isBusinessTime(office, at)).toBe(true);
    expect(isBusinessTime(office, at - 1)).toBe(false);
  });
});

describe("holidayOn", () => {
  it("names the holiday for any instant of that local day", () => {
    expect(holidayOn(withThanksgiving, la("2026-11-26 00:00"))).toEqual({ date: "2026-11-26", name: "Thanksgiving" });
    expect(holidayOn(withThanksgiving, la("2026-11-26 23:59"))?.name).toBe("Thanksgiving");
  });

  it("reads the date in the calendar's zone, not in UTC", () => {
    // 2026-11-27 07:00Z is still Thanksgiving evening in Los Angeles.
    expect(holidayOn(withThanksgiving, Date.parse("2026-11-27T07:00:00Z"))?.name).toBe("Thanksgiving");
    expect(holidayOn(withThanksgiving, la("2026-11-27 00:00"))).toBeUndefined();
  });
});

describe("nextBusinessStart", () => {
  it.each([
    ["Saturday noon before spring-forward → Monday 09:00 PDT", "2026-03-07 12:00", "2026-03-09T16:00:00.000Z"],
    ["Saturday noon before fall-back → Monday 09:00 PST", "2026-10-31 12:00", "2026-11-02T17:00:00.000Z"],
    ["Wednesday after closing, Thanksgiving next → Friday 09:00", "2026-11-25 18:00", "2026-11-27T17:00:00.000Z"],
    ["Tuesday 07:30 → the same morning at 09:00", "2026-03-10 07:30", "2026-03-10T16:00:00.000Z"],
  ])("%s", (_label, wallTime, expected) => {
    expect(iso(nextBusinessStart(withThanksgiving, la(wallTime)))).toBe(expected);
  });

  it("is the instant itself during business hours", () => {
    expect(nextBusinessStart(office, la("2026-03-10 11:17"))).toBe(la("2026-03-10 11:17"));
  });
});

describe("addBusinessMinutes", () => {
  it.each([
    ["zero minutes is the start itself, even on a Sunday", "2026-03-08 12:00", 0, "2026-03-08 12:00"],
    ["within a day", "2026-03-10 09:30", 90, "2026-03-10 11:00"],
    ["ending exactly at closing stays on Friday 17:00", "2026-11-20 16:00", HOUR, "2026-11-20 17:00"],
    ["across a weekend", "2026-11-20 16:30", HOUR, "2026-11-23 09:30"],
    ["from a Saturday, counting from Monday 09:00", "2026-11-21 10:00", 2 * HOUR, "2026-11-23 11:00"],
    ["across a holiday", "2026-11-25 16:00", 2 * HOUR, "2026-11-27 10:00"],
    ["across a holiday and a weekend", "2026-11-25 16:00", 10 * HOUR, "2026-11-30 10:00"],
    ["across spring-forward", "2026-03-06 16:00", BUSINESS_DAY_MINUTES, "2026-03-09 16:00"],
    ["across fall-back", "2026-10-30 16:00", BUSINESS_DAY_MINUTES, "2026-11-02 16:00"],
  ])("%s", (_label, from, minutes, expected) => {
    expect(iso(addBusinessMinutes(withThanksgiving, la(from), minutes))).toBe(iso(la(expected)));
  });

  it("refuses negative minutes", () => {
    expect(() => addBusinessMinutes(office, la("2026-03-10 10:00"), -1)).toThrow(DomainError);
  });

  it("refuses a calendar without any business hours instead of searching forever", () => {
    const closed: BusinessCalendar = { ...office, weekly: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] } };
    expect(() => addBusinessMinutes(closed, la("2026-03-10 10:00"), 1)).toThrow(DomainError);
  });
});

describe("businessMinutesBetween", () => {
  it.each([
    ["a full week is 40 hours", office, "2026-03-02 00:00", "2026-03-09 00:00", 40 * HOUR],
    ["the week of spring-forward is still 40 hours", office, "2026-03-08 00:00", "2026-03-15 00:00", 40 * HOUR],
    ["the week of fall-back is still 40 hours", office, "2026-11-01 00:00", "2026-11-08 00:00", 40 * HOUR],
    ["Thanksgiving week is 32 hours", withThanksgiving, "2026-11-23 00:00", "2026-11-30 00:00", 32 * HOUR],
    ["Friday 16:30 to Monday 09:30", office, "2026-03-06 16:30", "2026-03-09 09:30", HOUR],
    ["a weekend alone", office, "2026-03-07 00:00", "2026-03-09 00:00", 0],
    ["an empty range", office, "2026-03-10 10:00", "2026-03-10 10:00", 0],
    ["a reversed range", office, "2026-03-10 11:00", "2026-03-10 10:00", 0],
  ])("%s", (_label, cal, from, to, expected) => {
    expect(businessMinutesBetween(cal, la(from), la(to))).toBe(expected);
  });

  it("counts whole minutes only", () => {
    expect(businessMinutesBetween(office, la("2026-03-10 10:00"), la("2026-03-10 10:01") + 59_999)).toBe(1);
  });

  it("is the inverse of addBusinessMinutes", () => {
    const from = la("2026-11-25 13:15");
    const to = addBusinessMinutes(withThanksgiving, from, 1234);
    expect(businessMinutesBetween(withThanksgiving, from, to)).toBe(1234);
  });

  it("merges overlapping spans instead of counting them twice", () => {
    const overlapping: BusinessCalendar = {
      ...office,
      weekly: {
        ...office.weekly,
        2: [
          { start: "09:00", end: "13:00" },
          { start: "12:00", end: "17:00" },
        ],
      },
    };
    expect(businessMinutesBetween(overlapping, la("2026-03-10 00:00"), la("2026-03-11 00:00"))).toBe(8 * HOUR);
  });

  it("refuses hours not written HH:MM", () => {
    const sloppy: BusinessCalendar = { ...office, weekly: { ...office.weekly, 2: [{ start: "9am", end: "17:00" }] } };
    expect(() => businessMinutesBetween(sloppy, la("2026-03-10 00:00"), la("2026-03-11 00:00"))).toThrow(DomainError);
  });
});

describe("checkWeeklyHours", () => {
  const week = (day: Partial<Record<number, Array<{ start: string; end: string }>>>) => ({
    ...office.weekly,
    ...day,
  });

  it("sorts a day's spans and keeps 24:00 as the end of the day", () => {
    const checked = checkWeeklyHours(
      week({
        6: [
          { start: "13:00", end: "24:00" },
          { start: "08:00", end: "12:00" },
        ],
      }),
    );
    expect(checked[6]).toEqual([
      { start: "08:00", end: "12:00" },
      { start: "13:00", end: "24:00" },
    ]);
    expect(checked[1]).toEqual([{ start: "09:00", end: "17:00" }]);
  });

  it.each([
    ["an end before the start", week({ 2: [{ start: "17:00", end: "09:00" }] }), /end after they start/],
    ["an empty span", week({ 2: [{ start: "09:00", end: "09:00" }] }), /end after they start/],
    ["a start at 24:00", week({ 2: [{ start: "24:00", end: "24:00" }] }), /end after they start/],
    ["a time past midnight", week({ 2: [{ start: "09:00", end: "24:30" }] }), /HH:MM/],
    ["a time not written HH:MM", week({ 2: [{ start: "9:00", end: "17:00" }] }), /HH:MM/],
    [
      "overlapping spans",
      week({
        2: [
          { start: "09:00", end: "13:00" },
          { start: "12:00", end: "17:00" },
        ],
      }),
      /overlap/,
    ],
    ["a week with no hours at all", { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] }, /no business hours/],
  ])("refuses %s", (_label, weekly, message) => {
    expect(() => checkWeeklyHours(weekly)).toThrow(message);
    expect(() => checkWeeklyHours(weekly)).toThrow(DomainError);
  });
});

describe("businessTimeAt", () => {
  it.each([
    ["Wednesday 10:00: open until 17:00", office, "2026-11-25 10:00", true, "2026-11-25 17:00"],
    [
      "Wednesday 17:00, Thanksgiving next: closed until Friday 09:00",
      withThanksgiving,
      "2026-11-25 17:00",
      false,
      "2026-11-27 09:00",
    ],
    ["Saturday before fall-back: closed until Monday 09:00 PST", office, "2026-10-31 12:00", false, "2026-11-02 09:00"],
  ])("%s", (_label, cal, at, open, changesAt) => {
    expect(businessTimeAt(cal, la(at))).toEqual({ open, changesAt: la(changesAt) });
  });

  it("follows hours open until midnight into the next day's from midnight", () => {
    const lateFriday: BusinessCalendar = {
      ...office,
      weekly: { ...office.weekly, 5: [{ start: "09:00", end: "24:00" }], 6: [{ start: "00:00", end: "02:00" }] },
    };
    expect(businessTimeAt(lateFriday, la("2026-11-27 22:00"))).toEqual({
      open: true,
      changesAt: la("2026-11-28 02:00"),
    });
  });

  it("says open around the clock when business time never ends", () => {
    const day = [{ start: "00:00", end: "24:00" }];
    const always: BusinessCalendar = { ...office, weekly: { 0: day, 1: day, 2: day, 3: day, 4: day, 5: day, 6: day } };
    expect(businessTimeAt(always, la("2026-11-25 10:00"))).toEqual({ open: true, changesAt: undefined });
  });
});
