import type { OnCallLayerRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { latestLocalTimeAtOrBefore } from "../../core/localTime.ts";
import { type LayerWindow, whoIsOnCall } from "../../core/onCall.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { inTransaction } from "../../store/database.ts";
import { insertLayer, layerOf, liveLayers } from "../../store/onCall.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { assertCanTakePages } from "./assertCanTakePages.ts";
import { onScheduleChanged } from "./shiftReminders.ts";

/** `/incident oncall …`: leads keep the team's on-call schedule; everyone who works cases may read it. */

export const MAX_ROTATION_USERS = 20;
export const MAX_ROTATION_DAYS = 28;
// Caps on what the overview lists and every page resolves; more is a mistake, not a schedule.
export const MAX_LIVE_LAYERS = 20;

export interface LayerSpec {
  name: string;
  /** `from`/`to` only for weekday evenings. */
  window: { kind: LayerWindow["kind"]; from?: string; to?: string };
  handoffTime: string;
  days: number;
  users: readonly string[];
}

/** Adds a rotation layer; its first person holds it from the latest hand-off time at or before now. */
export function addOnCallLayer(deps: FlowDeps, actor: string, spec: LayerSpec): OnCallLayerRow {
  const now = deps.clock.now();
  if (!/^[a-z0-9][a-z0-9_-]{0,29}$/.test(spec.name)) {
    fail("invalid_input", "A layer name is 1–30 lowercase letters, digits, - or _, starting with a letter or digit.");
  }
  if (!Number.isInteger(spec.days) || spec.days < 1 || spec.days > MAX_ROTATION_DAYS) {
    fail("invalid_input", `A rotation hands off every 1 to ${MAX_ROTATION_DAYS} days.`);
  }
  if (spec.users.length === 0 || spec.users.length > MAX_ROTATION_USERS) {
    fail("invalid_input", `A rotation has 1 to ${MAX_ROTATION_USERS} people.`);
  }
  if (new Set(spec.users).size !== spec.users.length) fail("invalid_input", "Name each person once per rotation.");
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.manage");
    assertCanTakePages(tx, deps, spec.users);
    const live = liveLayers(tx);
    if (live.some((l) => l.name === spec.name)) {
      fail("conflict", `A layer named ${spec.name} exists; remove it first with \`/incident oncall layer remove\`.`);
    }
    if (live.length >= MAX_LIVE_LAYERS) {
      fail("invalid_input", `The schedule already has ${MAX_LIVE_LAYERS} layers; remove one first.`);
    }
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    const row = insertLayer(
      tx,
      {
        name: spec.name,
        timeZone: calendar.timeZone,
        windowKind: spec.window.kind,
        windowFrom: spec.window.from ?? null,
        windowTo: spec.window.to ?? null,
        users: spec.users,
        startsAt: latestLocalTimeAtOrBefore(now, spec.handoffTime, calendar.timeZone),
        lengthHours: spec.days * 24,
        handoffTime: spec.handoffTime,
      },
      actor,
      now,
    );
    // The core refuses a layer it cannot resolve (bad window times): check before the transaction commits.
    whoIsOnCall({ name: row.name, layers: [layerOf(row, calendar)], overrides: [] }, now);
    onScheduleChanged(tx, deps, now);
    deps.log.info({ layer: row.name, people: spec.users.length, by: actor }, "on-call layer added");
    return row;
  });
}
