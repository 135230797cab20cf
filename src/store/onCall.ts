import { and, asc, eq, gt, isNull, max, sql } from "drizzle-orm";
import { type OnCallLayerRow, type OnCallOverrideRow, onCallLayers, onCallOverrides } from "../../db/schema.ts";
import type { BusinessCalendar } from "../core/businessHours.ts";
import type { LayerWindow, Schedule, ScheduleLayer } from "../core/onCall.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

export const SCHEDULE_NAME = "T&S on call";

// Read at every SEV1 intake (who to page): prepared once.
const liveLayersStatement = preparedStatement((db) =>
  db.select().from(onCallLayers).where(isNull(onCallLayers.removedAt)).orderBy(asc(onCallLayers.position)).prepare(),
);

export function liveLayers(tx: Executor): OnCallLayerRow[] {
  return liveLayersStatement(tx).all();
}

function windowOf(row: OnCallLayerRow, calendar: BusinessCalendar): LayerWindow {
  switch (row.windowKind) {
    case "weekday_evenings":
      return { kind: "weekday_evenings", from: row.windowFrom ?? "17:00", to: row.windowTo ?? "09:00" };
    case "weekends":
      return { kind: "weekends" };
    case "holidays":
      // A holiday layer covers the business calendar's holidays, so one list serves SLA clocks and on-call;
      // its dates are the calendar's, read in the calendar's zone even when the layer was added in another.
      return { kind: "holidays", dates: calendar.holidays.map((h) => h.date), timeZone: calendar.timeZone };
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
      users: row.users,
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
  const overrides = currentOverrides(tx, now).sort((a, b) => a.id - b.id);
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

export interface NewLayer {
  name: string;
  timeZone: string;
  windowKind: LayerWindow["kind"];
  windowFrom: string | null;
  windowTo: string | null;
  users: readonly string[];
  startsAt: number;
  lengthHours: number;
  handoffTime: string;
}

/** Appends a layer above the others (a later layer wins where it applies). */
export function insertLayer(tx: Executor, layer: NewLayer, by: string, now: number): OnCallLayerRow {
  const top =
    tx
      .select({ position: max(onCallLayers.position) })
      .from(onCallLayers)
      .get()?.position ?? 0;
  return tx
    .insert(onCallLayers)
    .values({ ...layer, position: top + 1, createdBy: by, createdAt: now })
    .returning()
    .get();
}

export function removeLayer(tx: Executor, name: string, by: string, now: number): OnCallLayerRow | undefined {
  return tx
    .update(onCallLayers)
    .set({ removedAt: now, removedBy: by })
    .where(and(eq(onCallLayers.name, name), isNull(onCallLayers.removedAt)))
    .returning()
    .get();
}

export interface NewOverride {
  userId: string;
  startsAt: number;
  endsAt: number;
  replaces: string | null;
}

export function insertOverride(tx: Executor, override: NewOverride, by: string, now: number): OnCallOverrideRow {
  return tx
    .insert(onCallOverrides)
    .values({ ...override, createdBy: by, createdAt: now })
    .returning()
    .get();
}

export function cancelOverride(tx: Executor, id: number, by: string, now: number): OnCallOverrideRow | undefined {
  return tx
    .update(onCallOverrides)
    .set({ cancelledAt: now, cancelledBy: by })
    .where(and(eq(onCallOverrides.id, id), isNull(onCallOverrides.cancelledAt), gt(onCallOverrides.endsAt, now)))
    .returning()
    .get();
}

/** Overrides not cancelled and not over at `now`, soonest first. */
const currentOverridesStatement = preparedStatement((db) =>
  db
    .select()
    .from(onCallOverrides)
    .where(and(isNull(onCallOverrides.cancelledAt), gt(onCallOverrides.endsAt, sql.placeholder("now"))))
    .orderBy(asc(onCallOverrides.startsAt), asc(onCallOverrides.id))
    .prepare(),
);

export function currentOverrides(tx: Executor, now: number): OnCallOverrideRow[] {
  return currentOverridesStatement(tx).all({ now });
}
