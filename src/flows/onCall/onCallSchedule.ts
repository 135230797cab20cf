import type { OnCallLayerRow, OnCallOverrideRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { latestLocalTimeAtOrBefore } from "../../core/localTime.ts";
import { type Handoff, type LayerWindow, nextHandoffs, type OnCall, whoIsOnCall } from "../../core/onCall.ts";
import { isAllowed } from "../../core/permissions.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import {
  cancelOverride,
  currentOverrides,
  insertLayer,
  insertOverride,
  layerOf,
  liveLayers,
  removeLayer,
} from "../../store/onCall.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay, userRole } from "../roles/access.ts";
import { type PassedOver, pagerRoster } from "./onCallRoster.ts";
import { onScheduleChanged } from "./shiftReminders.ts";

/** `/incident oncall …`: leads keep the team's on-call schedule; everyone who works cases may read it. */

export const MAX_ROTATION_USERS = 20;
export const MAX_ROTATION_DAYS = 28;
/** Longer cover than this is a rotation change, not an override. */
export const MAX_OVERRIDE_DAYS = 31;
/** How far ahead an override may start: further out is a typo, and it would sit in every overview. */
export const MAX_OVERRIDE_LEAD_DAYS = 366;
// Caps on what the overview lists and every page resolves; more is a mistake, not a schedule.
export const MAX_LIVE_LAYERS = 20;
export const MAX_LIVE_OVERRIDES = 50;
const HANDOFFS_SHOWN = 5;
const DAY_MS = 24 * 60 * 60_000;

export interface LayerSpec {
  name: string;
  /** `from`/`to` only for weekday evenings. */
  window: { kind: LayerWindow["kind"]; from?: string; to?: string };
  handoffTime: string;
  days: number;
  users: readonly string[];
}

export interface OverrideSpec {
  userId: string;
  from: number;
  to: number;
  /** Cover only this person's turns. */
  replaces: string | null;
}

export interface OnCallOverview {
  timeZone: string;
  now: number;
  onCall: OnCall | undefined;
  handoffs: Handoff[];
  layers: OnCallLayerRow[];
  overrides: OnCallOverrideRow[];
  /** People on the schedule who cannot take pages now, whose turns pass to the next person. */
  passedOver: PassedOver[];
}

function assertCanTakePages(tx: Executor, deps: FlowDeps, userIds: readonly string[]): void {
  for (const userId of userIds) {
    if (userId === deps.botUserId) fail("invalid_input", "Incident Desk itself cannot be on call; name a person.");
    if (!isAllowed(userRole(tx, userId), "page.send")) {
      fail(
        "invalid_input",
        `<@${userId}> has no role that can answer a page; a lead can make them a specialist with \`/incident role\`.`,
      );
    }
  }
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

export function removeOnCallLayer(deps: FlowDeps, actor: string, name: string): OnCallLayerRow {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.manage");
    const removed = removeLayer(tx, name, actor, now) ?? fail("not_found", `There is no on-call layer named ${name}.`);
    onScheduleChanged(tx, deps, now);
    deps.log.info({ layer: name, by: actor }, "on-call layer removed");
    return removed;
  });
}

/**
 * Someone covers the pager from…to; a later override wins over an earlier one and over every rotation. A
 * start in the past means now: the stored row, and its length, begin then.
 */
export function addOnCallOverride(deps: FlowDeps, actor: string, spec: OverrideSpec): OnCallOverrideRow {
  const now = deps.clock.now();
  const startsAt = Math.max(spec.from, now);
  if (spec.to <= spec.from) fail("invalid_input", "An override must end after it starts.");
  if (spec.to <= now) fail("invalid_input", "That override would already be over.");
  if (startsAt - now > MAX_OVERRIDE_LEAD_DAYS * DAY_MS) {
    fail("invalid_input", `An override starts at most ${MAX_OVERRIDE_LEAD_DAYS} days ahead.`);
  }
  if (spec.to - startsAt > MAX_OVERRIDE_DAYS * DAY_MS) {
    fail("invalid_input", `An override covers at most ${MAX_OVERRIDE_DAYS} days; change the rotation instead.`);
  }
  if (spec.replaces === spec.userId) fail("invalid_input", "Someone cannot cover their own turn.");
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.manage");
    assertCanTakePages(tx, deps, [spec.userId]);
    if (currentOverrides(tx, now).length >= MAX_LIVE_OVERRIDES) {
      fail("invalid_input", `There are already ${MAX_LIVE_OVERRIDES} current overrides; cancel one first.`);
    }
    const row = insertOverride(
      tx,
      { userId: spec.userId, startsAt, endsAt: spec.to, replaces: spec.replaces },
      actor,
      now,
    );
    onScheduleChanged(tx, deps, now);
    deps.log.info({ override: row.id, by: actor }, "on-call override added");
    return row;
  });
}

export function cancelOnCallOverride(deps: FlowDeps, actor: string, id: number): OnCallOverrideRow {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.manage");
    const row =
      cancelOverride(tx, id, actor, now) ?? fail("not_found", `There is no current override #${id} to cancel.`);
    onScheduleChanged(tx, deps, now);
    deps.log.info({ override: id, by: actor }, "on-call override cancelled");
    return row;
  });
}

/** Who is on call now, the next hand-offs, and what the schedule is made of. */
export function onCallOverview(deps: FlowDeps, actor: string): OnCallOverview {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.read");
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    const { schedule, passedOver } = pagerRoster(tx, calendar, now, deps.botUserId);
    return {
      timeZone: calendar.timeZone,
      now,
      onCall: whoIsOnCall(schedule, now),
      handoffs: nextHandoffs(schedule, now, HANDOFFS_SHOWN),
      layers: liveLayers(tx),
      overrides: currentOverrides(tx, now),
      passedOver,
    };
  });
}
