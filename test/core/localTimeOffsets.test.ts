import { TZDate, tzOffset } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { instantAt, type LocalTime, localTimeOf } from "../../src/core/localTime.ts";
import { seededRandom } from "../support/seededRandom.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// Zones whose offsets change at odd UTC times or by odd amounts: half-hour DST (Lord Howe), quarter-hour offsets
// (Kathmandu, Chatham), a DST change at 05:30 UTC (St John's), negative DST (Dublin), a skipped day (Apia, 2011),
// changes twice a year around Ramadan (Casablanca).
const ZONES = [
  "Europe/Berlin",
  "America/Los_Angeles",
  "America/St_Johns",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "Europe/Dublin",
  "Pacific/Apia",
  "Africa/Casablanca",
  "UTC",
];

/** What TZDate itself says the wall clock shows, the reference. */
function byTZDate(at: number, zone: string): LocalTime {
  const local = new TZDate(at, zone);
  return {
    day: Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS,
    minuteOfDay: local.getHours() * 60 + local.getMinutes(),
  };
}

/** Every instant (to the minute) in [from, to) at which the zone's offset changes. */
function offsetChanges(zone: string, from: number, to: number): number[] {
  const changes: number[] = [];
  for (let at = from; at < to; at += HOUR_MS) {
    if (tzOffset(zone, new Date(at)) === tzOffset(zone, new Date(at + HOUR_MS))) continue;
    let [low, high] = [at, at + HOUR_MS];
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 120_000) * 60_000;
      if (tzOffset(zone, new Date(mid)) === tzOffset(zone, new Date(at))) low = mid;
      else high = mid;
    }
    changes.push(high);
  }
  return changes;
}

describe("local time from remembered offsets", () => {
  it.each(ZONES)("agrees with TZDate around every offset change of %s from 2008 to 2032", (zone) => {
    const changes = offsetChanges(zone, Date.UTC(2008, 0, 1), Date.UTC(2032, 0, 1));
    // Kathmandu has kept +05:45 since 1986, UTC has no changes: the others change in these years.
    if (!["UTC", "Asia/Kathmandu"].includes(zone)) expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      for (const delta of [-15 * 60_000, -60_001, -60_000, -1, 0, 1, 59_999, 60_000, 15 * 60_000]) {
        const at = change + delta;
        expect(localTimeOf(at, zone), `${zone} at ${new Date(at).toISOString()}`).toEqual(byTZDate(at, zone));
      }
    }
  });

  it("agrees with TZDate at 20,000 seeded instants from 1950 to 2100, asked twice each", () => {
    const random = seededRandom(20261203);
    const [from, to] = [Date.UTC(1950, 0, 1), Date.UTC(2100, 0, 1)];
    for (let i = 0; i < 20_000; i++) {
      const zone = ZONES[i % ZONES.length] as string;
      const at = from + Math.floor(random.next() * (to - from));
      const expected = byTZDate(at, zone);
      expect(localTimeOf(at, zone)).toEqual(expected);
      // The second answer comes from the remembered offset.
      expect(localTimeOf(at, zone)).toEqual(expected);
    }
  });

  it("gives the same instant for a wall time when asked again, gaps and repeats included", () => {
    // 2026-03-29 02:30 does not exist in Berlin (moves forward); 2026-10-25 02:30 happens twice.
    for (const [date, minute] of [
      ["2026-03-29", 150],
      ["2026-10-25", 150],
      ["2026-06-01", 540],
    ] as const) {
      const day = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
      const first = instantAt(day, minute, "Europe/Berlin");
      const reference = new TZDate(
        Number(date.slice(0, 4)),
        Number(date.slice(5, 7)) - 1,
        Number(date.slice(8, 10)),
        Math.floor(minute / 60),
        minute % 60,
        "Europe/Berlin",
      ).getTime();
      expect(first).toBe(reference);
      expect(instantAt(day, minute, "Europe/Berlin")).toBe(first);
    }
  });
});
