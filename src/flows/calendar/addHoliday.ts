import type { HolidayRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { localDateOf } from "../../core/localTime.ts";
import { cleanText } from "../../core/text.ts";
import { ensureCalendarRow, insertHoliday, loadCalendar } from "../../store/calendars.ts";
import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";
import { calendarChanged } from "./calendarChanged.ts";
import { assertNotPast, parseHolidayDate } from "./holidayDate.ts";
import { upcomingHolidays } from "./upcomingHolidays.ts";

export const MAX_HOLIDAY_NAME = 80;
/** Upcoming holidays a calendar may hold; more is a mistake, and every holiday layer carries the list. */
export const MAX_UPCOMING_HOLIDAYS = 100;
const YEARS_AHEAD = 2;

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
