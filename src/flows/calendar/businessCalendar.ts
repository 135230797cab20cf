import type { HolidayRow } from "../../../db/schema.ts";
import {
  type BusinessCalendar,
  type BusinessHoursSpan,
  type BusinessTimeNow,
  businessTimeAt,
  checkWeeklyHours,
  type Holiday,
} from "../../core/businessHours.ts";
import { fail } from "../../core/domainError.ts";
import { canonicalTimeZone, localDateOf, parseIsoDate, type Weekday } from "../../core/localTime.ts";
import { cleanText } from "../../core/text.ts";
import { deleteHoliday, ensureCalendarRow, insertHoliday, loadCalendar, saveCalendar } from "../../store/calendars.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { onScheduleChanged } from "../onCall/shiftReminders.ts";
import { assertMay } from "../roles/access.ts";
import { recheckAllSlaClocks } from "../sla/slaReminders.ts";

/**
 * `/incident hours` and `/incident holiday`: leads keep the business calendar (zone, weekly hours,
 * holidays) that SLA clocks, paging and the on-call holiday layer read; everyone who works cases may see it.
 */

export const MAX_HOLIDAY_NAME = 80;
/** Upcoming holidays a calendar may hold; more is a mistake, and every holiday layer carries the list. */
export const MAX_UPCOMING_HOLIDAYS = 100;
const HOLIDAYS_SHOWN = 5;
const RECENT_HOLIDAY_DAYS = 30;
const YEARS_AHEAD = 2;
const DAY_MS = 24 * 60 * 60_000;

export interface BusinessHoursOverview {
  calendar: BusinessCalendar;
  now: number;
  businessTime: BusinessTimeNow;
  upcoming: Holiday[];
}

export interface HolidayList {
  timeZone: string;
  upcoming: Holiday[];
  /** Holidays of the last RECENT_HOLIDAY_DAYS days, most recent first. */
  recent: Holiday[];
}

function upcomingHolidays(calendar: BusinessCalendar, now: number): Holiday[] {
  const today = localDateOf(now, calendar.timeZone);
  return calendar.holidays.filter((h) => h.date >= today);
}

export function showBusinessHours(deps: FlowDeps, actor: string): BusinessHoursOverview {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.read");
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    return {
      calendar,
      now,
      businessTime: businessTimeAt(calendar, now),
      upcoming: upcomingHolidays(calendar, now).slice(0, HOLIDAYS_SHOWN),
    };
  });
}

/** Writes a new zone or weekly hours, replans shift reminders, and returns the calendar as it now is. */
function changeCalendar(
  tx: Executor,
  deps: FlowDeps,
  actor: string,
  change: (calendar: BusinessCalendar) => Pick<BusinessCalendar, "timeZone" | "weekly">,
): BusinessCalendar {
  const now = deps.clock.now();
  assertMay(tx, actor, "oncall.manage");
  const calendar = loadCalendar(tx, deps.config.businessTimeZone);
  const changed = { ...calendar, ...change(calendar) };
  saveCalendar(tx, changed, actor, now);
  calendarChanged(tx, deps, now);
  return changed;
}

/** Sets the hours of each of `days` to `spans` (none = closed that day). */
export function setBusinessHours(
  deps: FlowDeps,
  actor: string,
  days: readonly Weekday[],
  spans: readonly BusinessHoursSpan[],
): BusinessCalendar {
  return inTransaction(deps.db, (tx) => {
    const calendar = changeCalendar(tx, deps, actor, ({ timeZone, weekly }) => {
      const changed = { ...weekly };
      for (const day of days) changed[day] = spans;
      return { timeZone, weekly: checkWeeklyHours(changed) };
    });
    deps.log.info({ days, spans: spans.length, by: actor }, "business hours changed");
    return calendar;
  });
}

/** Moves the calendar to another zone; weekly hours and holiday dates are then read there. */
export function setBusinessTimeZone(deps: FlowDeps, actor: string, zone: string): BusinessCalendar {
  return inTransaction(deps.db, (tx) => {
    const calendar = changeCalendar(tx, deps, actor, ({ weekly }) => ({ timeZone: canonicalTimeZone(zone), weekly }));
    deps.log.info({ timeZone: calendar.timeZone, by: actor }, "business time zone changed");
    return calendar;
  });
}

function parseHolidayDate(date: string): string {
  if (parseIsoDate(date) === undefined)
    fail("invalid_input", "A holiday is a real date written YYYY-MM-DD, such as 2026-12-25.");
  return date.trim();
}

function assertNotPast(date: string, today: string): void {
  // SLA clocks already counted the days before today; changing them would rewrite past targets.
  if (date < today) fail("invalid_input", `${date} is in the past; only today's and later holidays can change.`);
}

export function addHoliday(deps: FlowDeps, actor: string, dateText: string, nameText: string): HolidayRow {
  const now = deps.clock.now();
  const date = parseHolidayDate(dateText);
  const name = cleanText(nameText).replace(/\s+/g, " ");
  if (name === "") fail("invalid_input", "Name the holiday: `/incident holiday add 2026-12-25 Christmas Day`.");
  if (name.length > MAX_HOLIDAY_NAME)
    fail("invalid_input", `A holiday name is at most ${MAX_HOLIDAY_NAME} characters.`);
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.manage");
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    const today = localDateOf(now, calendar.timeZone);
    assertNotPast(date, today);
    if (date.slice(0, 4) > String(Number(today.slice(0, 4)) + YEARS_AHEAD)) {
      fail("invalid_input", `Holidays can be set up to ${YEARS_AHEAD} years ahead.`);
    }
    if (upcomingHolidays(calendar, now).length >= MAX_UPCOMING_HOLIDAYS) {
      fail("invalid_input", `The calendar already has ${MAX_UPCOMING_HOLIDAYS} upcoming holidays; remove some first.`);
    }
    ensureCalendarRow(tx, calendar, actor, now);
    const row =
      insertHoliday(tx, { date, name }, actor, now) ??
      fail("conflict", `${date} is already a holiday; remove it first with \`/incident holiday remove ${date}\`.`);
    calendarChanged(tx, deps, now);
    deps.log.info({ date, by: actor }, "holiday added");
    return row;
  });
}

export function removeHoliday(deps: FlowDeps, actor: string, dateText: string): HolidayRow {
  const now = deps.clock.now();
  const date = parseHolidayDate(dateText);
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.manage");
    const { timeZone } = loadCalendar(tx, deps.config.businessTimeZone);
    assertNotPast(date, localDateOf(now, timeZone));
    const row = deleteHoliday(tx, date) ?? fail("not_found", `${date} is not a holiday.`);
    calendarChanged(tx, deps, now);
    deps.log.info({ date, by: actor }, "holiday removed");
    return row;
  });
}

/** Upcoming holidays first, then those of the last month. */
export function listHolidays(deps: FlowDeps, actor: string): HolidayList {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, actor, "oncall.read");
    const calendar = loadCalendar(tx, deps.config.businessTimeZone);
    const today = localDateOf(now, calendar.timeZone);
    const monthAgo = localDateOf(now - RECENT_HOLIDAY_DAYS * DAY_MS, calendar.timeZone);
    return {
      timeZone: calendar.timeZone,
      upcoming: upcomingHolidays(calendar, now),
      recent: calendar.holidays.filter((h) => h.date >= monthAgo && h.date < today).reverse(),
    };
  });
}

/** Holiday layers and business clocks both read the calendar: replan shift reminders, re-check SLA clocks. */
function calendarChanged(tx: Executor, deps: FlowDeps, now: number): void {
  onScheduleChanged(tx, deps, now);
  recheckAllSlaClocks(tx, now);
}
