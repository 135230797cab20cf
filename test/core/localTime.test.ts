import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/domainError.ts";
import {
  canonicalTimeZone,
  formatLocal,
  instantAt,
  isMondayToFriday,
  isoDateOf,
  latestLocalTimeAtOrBefore,
  localDateOf,
  localDayOf,
  localTimeOf,
  parseClockMinutes,
  parseIsoDate,
  parseLocalDateTime,
  weekdayOf,
} from "../../src/core/localTime.ts";
import { utc } from "../support/wallTime.ts";

const LA = "America/Los_Angeles";
const BERLIN = "Europe/Berlin";

/** The local day of a date that must parse. */
const day = (date: string): number => {
  const parsed = parseIsoDate(date);
  if (parsed === undefined) throw new Error(`test date ${date} does not parse`);
  return parsed;
};

// DST in 2026: Los Angeles springs forward Sun 03-08 02:00→03:00 (10:00Z) and falls back Sun 11-01
// 02:00→01:00 (09:00Z); Berlin springs forward Sun 03-29 02:00→03:00 (01:00Z) and falls back Sun 10-25
// 03:00→02:00 (01:00Z).

describe("parseClockMinutes", () => {
  it.each([
    ["00:00", 0],
    ["09:30", 570],
    ["17:00", 1020],
    ["23:59", 1439],
  ])("reads %s as %i minutes after midnight", (text, minutes) => {
    expect(parseClockMinutes(text)).toBe(minutes);
  });

  it.each(["24:00", "9:00", "09:60", "25:00", "0900", "09:00:00", "9am", " 09:00", "09:00 ", "-1:00", ""])(
    "refuses %j",
    (text) => {
      expect(parseClockMinutes(text)).toBeUndefined();
    },
  );

  it.each([
    ["24:00", 1440],
    ["00:00", 0],
    ["23:59", 1439],
    ["24:01", undefined],
    ["24:30", undefined],
  ])("with endOfDay reads %s as %s", (text, minutes) => {
    expect(parseClockMinutes(text, { endOfDay: true })).toBe(minutes);
  });
});

describe("parseIsoDate and isoDateOf", () => {
  it.each([
    ["1970-01-01", 0],
    ["1969-12-31", -1],
    ["2024-02-29", 19782],
    ["2026-03-08", 20520],
  ])("reads %s as day %i and writes it back", (date, days) => {
    expect(parseIsoDate(date)).toBe(days);
    expect(isoDateOf(days)).toBe(date);
  });

  it.each(["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "26-01-01", "2026/01/01", ""])(
    "refuses %j",
    (text) => {
      expect(parseIsoDate(text)).toBeUndefined();
    },
  );
});

describe("weekdayOf and isMondayToFriday", () => {
  it.each([
    ["1970-01-01", 4, true],
    ["1969-12-28", 0, false],
    ["2026-03-08", 0, false],
    ["2026-03-09", 1, true],
    ["2026-12-25", 5, true],
    ["2026-12-26", 6, false],
  ])("%s is weekday %i (Monday to Friday: %s)", (date, weekday, workday) => {
    expect(weekdayOf(day(date))).toBe(weekday);
    expect(isMondayToFriday(day(date))).toBe(workday);
  });
});

describe("localTimeOf, localDateOf and formatLocal", () => {
  it.each([
    ["a plain winter evening", LA, "2026-01-15T01:30:00Z", "2026-01-14 17:30"],
    ["the day boundary on PDT", LA, "2026-03-09T07:00:00Z", "2026-03-09 00:00"],
    ["the last minute before springing forward", LA, "2026-03-08T09:59:00Z", "2026-03-08 01:59"],
    ["the first minute after springing forward", LA, "2026-03-08T10:00:00Z", "2026-03-08 03:00"],
    ["01:30 the first time, on PDT", LA, "2026-11-01T08:30:00Z", "2026-11-01 01:30"],
    ["01:30 the second time, on PST", LA, "2026-11-01T09:30:00Z", "2026-11-01 01:30"],
    ["the last minute before springing forward", BERLIN, "2026-03-29T00:59:00Z", "2026-03-29 01:59"],
    ["the first minute after springing forward", BERLIN, "2026-03-29T01:00:00Z", "2026-03-29 03:00"],
    ["02:30 the first time, on CEST", BERLIN, "2026-10-25T00:30:00Z", "2026-10-25 02:30"],
    ["02:30 the second time, on CET", BERLIN, "2026-10-25T01:30:00Z", "2026-10-25 02:30"],
    ["seconds dropped, not rounded", BERLIN, "2026-06-01T10:15:59Z", "2026-06-01 12:15"],
  ])("%s in %s: %s reads %s", (_case, zone, iso, wall) => {
    const at = utc(iso);
    expect(formatLocal(at, zone)).toBe(wall);
    expect(localDateOf(at, zone)).toBe(wall.slice(0, 10));
    expect(localDayOf(at, zone)).toBe(day(wall.slice(0, 10)));
    const [hours, minutes] = wall.slice(11).split(":").map(Number);
    expect(localTimeOf(at, zone)).toEqual({
      day: day(wall.slice(0, 10)),
      minuteOfDay: Number(hours) * 60 + Number(minutes),
    });
  });

  it("refuses an unknown time zone", () => {
    expect(() => localTimeOf(utc("2026-03-02T17:00:00Z"), "Mars/Olympus")).toThrow(/Unknown time zone/);
    expect(() => localTimeOf(utc("2026-03-02T17:00:00Z"), "Mars/Olympus")).toThrow(DomainError);
  });
});

describe("instantAt", () => {
  it.each([
    ["09:00 on standard time", LA, "2026-03-06", 540, "2026-03-06T17:00:00.000Z"],
    ["09:00 on daylight time", LA, "2026-03-09", 540, "2026-03-09T16:00:00.000Z"],
    ["02:30 in the spring gap, moved forward to 03:30", LA, "2026-03-08", 150, "2026-03-08T10:30:00.000Z"],
    ["02:30 in the spring gap, moved forward to 03:30", BERLIN, "2026-03-29", 150, "2026-03-29T01:30:00.000Z"],
    ["1440 as the next midnight", BERLIN, "2026-03-28", 1440, "2026-03-28T23:00:00.000Z"],
    ["1440 as the next midnight, after springing forward", LA, "2026-03-08", 1440, "2026-03-09T07:00:00.000Z"],
  ])("%s in %s", (_case, zone, date, minuteOfDay, iso) => {
    expect(new Date(instantAt(day(date), minuteOfDay, zone)).toISOString()).toBe(iso);
  });

  it.each([
    [LA, "2026-11-01", 90, ["2026-11-01T08:30:00Z", "2026-11-01T09:30:00Z"]],
    [BERLIN, "2026-10-25", 150, ["2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"]],
  ])("in %s on %s, a time the clocks show twice is one of its two instants", (zone, date, minuteOfDay, both) => {
    const at = instantAt(day(date), minuteOfDay, zone);
    expect(both.map(utc)).toContain(at);
    expect(localTimeOf(at, zone)).toEqual({ day: day(date), minuteOfDay });
  });
});

describe("parseLocalDateTime", () => {
  it.each([
    ["a winter morning", LA, "2026-11-28 09:00", "2026-11-28T17:00:00.000Z"],
    ["with a T", LA, "2026-11-28T09:00", "2026-11-28T17:00:00.000Z"],
    ["with spaces around", BERLIN, " 2026-06-01 12:00 ", "2026-06-01T10:00:00.000Z"],
    ["in the spring gap, moved forward", LA, "2026-03-08 02:30", "2026-03-08T10:30:00.000Z"],
    ["in the spring gap, moved forward", BERLIN, "2026-03-29 02:30", "2026-03-29T01:30:00.000Z"],
    ["just before the repeated hour", LA, "2026-11-01 00:59", "2026-11-01T07:59:00.000Z"],
    ["just after the repeated hour", LA, "2026-11-01 02:00", "2026-11-01T10:00:00.000Z"],
    ["just before the repeated hour", BERLIN, "2026-10-25 01:59", "2026-10-24T23:59:00.000Z"],
    ["just after the repeated hour", BERLIN, "2026-10-25 03:00", "2026-10-25T02:00:00.000Z"],
  ])("reads %s in %s: %j", (_case, zone, text, iso) => {
    expect(new Date(parseLocalDateTime(text, zone, "The start")).toISOString()).toBe(iso);
  });

  it.each([
    [LA, "2026-11-01 01:00"],
    [LA, "2026-11-01 01:30"],
    [LA, "2026-11-01 01:59"],
    [BERLIN, "2026-10-25 02:00"],
    [BERLIN, "2026-10-25 02:30"],
  ])("refuses a time the clocks show twice in %s: %s", (zone, text) => {
    expect(() => parseLocalDateTime(text, zone, "The start")).toThrow(/The start .* happens twice/);
    expect(() => parseLocalDateTime(text, zone, "The start")).toThrow(DomainError);
  });

  it.each(["2026-02-30 09:00", "2026-11-28 24:00", "2026-11-28 9:00", "2026-11-28", "09:00", "tomorrow", ""])(
    "refuses %j",
    (text) => {
      expect(() => parseLocalDateTime(text, LA, "The end")).toThrow(/The end must be a local date and time/);
      expect(() => parseLocalDateTime(text, LA, "The end")).toThrow(DomainError);
    },
  );
});

describe("latestLocalTimeAtOrBefore", () => {
  // 2026-03-09 10:00 in Los Angeles, the Monday after springing forward.
  const mondayTen = utc("2026-03-09T17:00:00Z");

  it.each([
    ["earlier today", LA, mondayTen, "09:00", "2026-03-09T16:00:00.000Z"],
    ["now itself", LA, mondayTen, "10:00", "2026-03-09T17:00:00.000Z"],
    ["yesterday, on the other side of the DST change", LA, mondayTen, "11:00", "2026-03-08T18:00:00.000Z"],
    ["today's spring gap, moved forward", LA, utc("2026-03-08T20:00:00Z"), "02:30", "2026-03-08T10:30:00.000Z"],
    ["yesterday's spring gap, moved forward", BERLIN, utc("2026-03-30T00:00:00Z"), "02:30", "2026-03-29T01:30:00.000Z"],
    ["midnight", BERLIN, utc("2026-10-25T12:00:00Z"), "00:00", "2026-10-24T22:00:00.000Z"],
  ])("finds %s in %s", (_case, zone, now, hhmm, iso) => {
    expect(new Date(latestLocalTimeAtOrBefore(now, hhmm, zone)).toISOString()).toBe(iso);
  });

  it.each(["9am", "24:00", "9:00", ""])("refuses %j", (hhmm) => {
    expect(() => latestLocalTimeAtOrBefore(mondayTen, hhmm, LA)).toThrow(/HH:MM/);
    expect(() => latestLocalTimeAtOrBefore(mondayTen, hhmm, LA)).toThrow(DomainError);
  });
});

describe("canonicalTimeZone", () => {
  it.each([
    ["America/Los_Angeles", "America/Los_Angeles"],
    ["europe/berlin", "Europe/Berlin"],
    ["UTC", "UTC"],
  ])("accepts %s as %s", (zone, canonical) => {
    expect(canonicalTimeZone(zone)).toBe(canonical);
  });

  it.each(["Mars/Olympus", "+05:00", "PST8PDT/../etc", ""])("refuses %j", (zone) => {
    expect(() => canonicalTimeZone(zone)).toThrow(/not an IANA time zone/);
  });
});
