import { describe, expect, it } from "vitest";
import { type BusinessCalendar, businessMillisecondsBetween, defaultCalendar } from "../../src/core/businessHours.ts";
import { seededRandom } from "../support/seededRandom.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Pieces of half a day span at most two local days, so each is counted span by span, never from the kept day sums.
const PIECE_MS = 12 * HOUR_MS;

/** The same range counted as the sum of its half-day pieces: business time is additive over any split. */
function countedInPieces(cal: BusinessCalendar, from: number, to: number): number {
  let total = 0;
  for (let at = from; at < to; at += PIECE_MS)
    total += businessMillisecondsBetween(cal, at, Math.min(at + PIECE_MS, to));
  return total;
}

const aroundTheClock = [{ start: "00:00", end: "24:00" }];
const splitShifts = [
  { start: "01:00", end: "03:00" },
  { start: "18:00", end: "24:00" },
];
const CALENDARS: Record<string, BusinessCalendar> = {
  "Los Angeles office hours with holidays": {
    ...defaultCalendar("America/Los_Angeles"),
    holidays: [
      { date: "2024-11-28", name: "Thanksgiving" },
      { date: "2025-03-10", name: "Day after spring-forward" },
      { date: "2025-12-25", name: "Christmas" },
    ],
  },
  // Cuba's clocks go back from 01:00 to 00:00: midnight happens twice, and a span ending 24:00 meets it.
  "Havana open around the clock on weekdays": {
    ...defaultCalendar("America/Havana"),
    weekly: {
      0: [],
      1: aroundTheClock,
      2: aroundTheClock,
      3: aroundTheClock,
      4: aroundTheClock,
      5: aroundTheClock,
      6: [],
    },
  },
  // Lord Howe Island moves its clocks by 30 minutes.
  "Lord Howe split shifts every day": {
    ...defaultCalendar("Australia/Lord_Howe"),
    weekly: {
      0: splitShifts,
      1: splitShifts,
      2: splitShifts,
      3: splitShifts,
      4: splitShifts,
      5: splitShifts,
      6: splitShifts,
    },
  },
};

describe("business time over long ranges", () => {
  it.each(Object.entries(CALENDARS))(
    "counts ranges of days to months exactly as their half-day pieces do (%s)",
    (_name, cal) => {
      const random = seededRandom(12);
      const start = Date.UTC(2022, 0, 1);
      // Ranges in random order, so the kept day sums grow backwards and forwards.
      for (let i = 0; i < 8; i++) {
        const from = start + random.int(4 * 365) * DAY_MS + random.int(DAY_MS);
        const to = from + random.int(250) * DAY_MS + random.int(DAY_MS);
        expect(
          businessMillisecondsBetween(cal, from, to),
          `${new Date(from).toISOString()} → ${new Date(to).toISOString()}`,
        ).toBe(countedInPieces(cal, from, to));
      }
    },
  );
});
