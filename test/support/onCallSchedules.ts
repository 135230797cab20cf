import type { Override, Rotation, Schedule, ScheduleLayer } from "../../src/core/onCall.ts";
import { LA, utc } from "./wallTime.ts";

// Mondays 09:00 Los Angeles: 17:00Z while on PST, 16:00Z from the DST change of Sunday 2026-03-08.
export const weekly: Rotation = {
  users: ["U_ANA", "U_BEN", "U_CAT"],
  startsAt: utc("2026-02-23T17:00:00Z"),
  lengthHours: 168,
  handoffTime: "09:00",
};

/** A layer in Los Angeles time on the weekly rotation; override what a test is about. */
export const layer = (
  name: string,
  window: ScheduleLayer["window"],
  rotation: Partial<Rotation> = {},
): ScheduleLayer => ({
  name,
  timeZone: LA,
  rotation: { ...weekly, ...rotation },
  window,
});

export const schedule = (layers: ScheduleLayer[], overrides: Override[] = [], secondaryOffset?: number): Schedule => ({
  name: "T&S on-call",
  layers,
  overrides,
  ...(secondaryOffset === undefined ? {} : { secondaryOffset }),
});

export const allWeek = schedule([layer("all week", { kind: "always" })]);
export const evenings = layer("weekday evenings", { kind: "weekday_evenings", from: "17:00", to: "09:00" });
export const weekends = layer("weekends", { kind: "weekends" }, { users: ["U_WEN", "U_WES"] });
export const holidays = layer("holidays", { kind: "holidays", dates: ["2026-03-17"] }, { users: ["U_HOL"] });
/** Weekday evenings under weekends under one holiday, 2026-03-17. */
export const layered = schedule([evenings, weekends, holidays]);
