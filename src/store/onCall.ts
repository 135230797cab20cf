import { and, asc, gt, isNull } from "drizzle-orm";
import { type OnCallLayerRow, onCallLayers, onCallOverrides } from "../../db/schema.ts";
import type { BusinessCalendar } from "../core/businessHours.ts";
import type { LayerWindow, Schedule, ScheduleLayer } from "../core/onCall.ts";
import type { Executor } from "./database.ts";

export const SCHEDULE_NAME = "T&S on call";

export function liveLayers(tx: Executor): OnCallLayerRow[] {
  return tx.select().from(onCallLayers).where(isNull(onCallLayers.removedAt)).orderBy(asc(onCallLayers.position)).all();
}

function windowOf(row: OnCallLayerRow, calendar: BusinessCalendar): LayerWindow {
  switch (row.windowKind) {
    case "weekday_evenings":
      return { kind: "weekday_evenings", from: row.windowFrom ?? "17:00", to: row.windowTo ?? "09:00" };
    case "weekends":
      return { kind: "weekends" };
    case "holidays":
      // A holiday layer covers the business calendar's holidays, so one list serves SLA clocks and on-call.
      return { kind: "holidays", dates: calendar.holidays.map((h) => h.date) };
    default:
      return { kind: "always" };
  }
}

export function layerOf(row: OnCallLayerRow, calendar: BusinessCalendar): ScheduleLayer {
  return {
    name: row.name,
    timeZone: row.timeZone,
    window: windowOf(row, calendar),
    rotation: {
      users: JSON.parse(row.users) as string[],
      startsAt: row.startsAt,
      lengthHours: row.lengthHours,
      handoffTime: row.handoffTime,
    },
  };
}

/**
 * The team's schedule as the core resolves it: live layers in position order and the overrides not yet
 * over at `now` (earlier ones cannot change who is on call from now on), oldest first so a later one wins.
 */
export function loadSchedule(tx: Executor, calendar: BusinessCalendar, now: number): Schedule {
  const overrides = tx
    .select()
    .from(onCallOverrides)
    .where(and(isNull(onCallOverrides.cancelledAt), gt(onCallOverrides.endsAt, now)))
    .orderBy(asc(onCallOverrides.id))
    .all();
  return {
    name: SCHEDULE_NAME,
    layers: liveLayers(tx).map((row) => layerOf(row, calendar)),
    overrides: overrides.map((o) => ({
      userId: o.userId,
      from: o.startsAt,
      to: o.endsAt,
      ...(o.replaces ? { replaces: o.replaces } : {}),
    })),
  };
}
