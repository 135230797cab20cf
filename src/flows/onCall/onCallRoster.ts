import type { BusinessCalendar } from "../../core/businessHours.ts";
import { type OnCall, type Schedule, whoIsOnCall } from "../../core/onCall.ts";
import { isAllowed, isRole, type Role } from "../../core/permissions.ts";
import { loadCalendar } from "../../store/calendars.ts";
import type { Executor } from "../../store/database.ts";
import { currentOverrides, liveLayers, loadSchedule } from "../../store/onCall.ts";
import { rolesOf } from "../../store/roles.ts";
import type { FlowDeps } from "../deps.ts";

/** Someone the schedule names who cannot take pages now, so the core passes over them. */
export interface PassedOver {
  userId: string;
  /** Their current role, undefined when they have none. */
  role: Role | undefined;
  isBot: boolean;
  inRotation: boolean;
  hasOverride: boolean;
}

export interface PagerRoster {
  schedule: Schedule;
  passedOver: PassedOver[];
}

/**
 * The schedule with everyone who cannot take pages marked unavailable: roles are checked when a layer or
 * override is added, but a role can be changed or removed later, and the bot can never answer a page.
 */
export function pagerRoster(tx: Executor, calendar: BusinessCalendar, now: number, botUserId: string): PagerRoster {
  const loaded = loadSchedule(tx, calendar, now);
  const inRotation = new Set(loaded.layers.flatMap((l) => l.rotation.users));
  const withOverride = new Set(loaded.overrides.map((o) => o.userId));
  const passedOver: PassedOver[] = [];
  const named = [...new Set([...inRotation, ...withOverride])];
  // One read for everyone named: a home, a page and a reminder each build the roster.
  const roles = rolesOf(tx, named);
  for (const userId of named) {
    const stored = roles.get(userId);
    const role = stored !== undefined && isRole(stored) ? stored : undefined;
    const isBot = userId === botUserId;
    if (!isBot && isAllowed(role, "page.send")) continue;
    passedOver.push({ userId, role, isBot, inRotation: inRotation.has(userId), hasOverride: withOverride.has(userId) });
  }
  return { schedule: { ...loaded, unavailable: new Set(passedOver.map((p) => p.userId)) }, passedOver };
}

/** The on-call schedule as every flow that pages, invites, reminds or shows who is on call reads it. */
export function pagerSchedule(tx: Executor, calendar: BusinessCalendar, now: number, botUserId: string): Schedule {
  return pagerRoster(tx, calendar, now, botUserId).schedule;
}

/** Who holds the pager at `now` on the team calendar, passing over anyone who cannot take pages. */
export function onCallAt(
  tx: Executor,
  deps: Pick<FlowDeps, "config" | "botUserId">,
  now: number,
  calendar: BusinessCalendar = loadCalendar(tx, deps.config.businessTimeZone),
): OnCall | undefined {
  return whoIsOnCall(pagerSchedule(tx, calendar, now, deps.botUserId), now);
}

/** Whether a live layer or a current override names this person, so a change to their role can move the pager. */
export function isOnSchedule(tx: Executor, now: number, userId: string): boolean {
  return (
    liveLayers(tx).some((l) => l.users.includes(userId)) ||
    currentOverrides(tx, now).some((o) => o.userId === userId || o.replaces === userId)
  );
}
