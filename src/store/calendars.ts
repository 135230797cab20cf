import { and, asc, eq } from "drizzle-orm";
import { businessCalendars, type HolidayRow, holidays } from "../../db/schema.ts";
import { type BusinessCalendar, defaultCalendar, type Holiday } from "../core/businessHours.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

/** There is one business calendar per deployment for now; its row appears the first time a lead edits it. */
export const DEFAULT_CALENDAR_ID = "default";

// Read at every intake (paging hours) and SLA check: prepared once.
const calendarRow = preparedStatement((db) =>
  db.select().from(businessCalendars).where(eq(businessCalendars.id, DEFAULT_CALENDAR_ID)).prepare(),
);

const holidayDates = preparedStatement((db) =>
  db
    .select({ date: holidays.date, name: holidays.name })
    .from(holidays)
    .where(eq(holidays.calendarId, DEFAULT_CALENDAR_ID))
    .orderBy(asc(holidays.date))
    .prepare(),
);

/** The calendar as stored, or Monday–Friday 09:00–17:00 in `defaultTimeZone` while nobody has edited it. */
export function loadCalendar(tx: Executor, defaultTimeZone: string): BusinessCalendar {
  const row = calendarRow(tx).get();
  const base = defaultCalendar(row?.timeZone ?? defaultTimeZone);
  const dates = holidayDates(tx).all();
  return {
    timeZone: base.timeZone,
    weekly: row ? row.weeklyHours : base.weekly,
    holidays: dates,
  };
}

/** Writes the calendar row (zone and weekly hours) if it is not there yet, so holidays can refer to it. */
export function ensureCalendarRow(tx: Executor, calendar: BusinessCalendar, by: string, now: number): void {
  tx.insert(businessCalendars)
    .values({
      id: DEFAULT_CALENDAR_ID,
      timeZone: calendar.timeZone,
      weeklyHours: calendar.weekly,
      updatedAt: now,
      updatedBy: by,
    })
    .onConflictDoNothing()
    .run();
}

/** Writes the calendar's zone and weekly hours (its holidays are rows of their own). */
export function saveCalendar(
  tx: Executor,
  calendar: Pick<BusinessCalendar, "timeZone" | "weekly">,
  by: string,
  now: number,
): void {
  const values = {
    timeZone: calendar.timeZone,
    weeklyHours: calendar.weekly,
    updatedAt: now,
    updatedBy: by,
  };
  tx.insert(businessCalendars)
    .values({ id: DEFAULT_CALENDAR_ID, ...values })
    .onConflictDoUpdate({ target: businessCalendars.id, set: values })
    .run();
}

/** The new holiday, or undefined when the date already has one. Call ensureCalendarRow first. */
export function insertHoliday(tx: Executor, holiday: Holiday, by: string, now: number): HolidayRow | undefined {
  return tx
    .insert(holidays)
    .values({ calendarId: DEFAULT_CALENDAR_ID, ...holiday, createdBy: by, createdAt: now })
    .onConflictDoNothing()
    .returning()
    .get();
}

export function deleteHoliday(tx: Executor, date: string): HolidayRow | undefined {
  return tx
    .delete(holidays)
    .where(and(eq(holidays.calendarId, DEFAULT_CALENDAR_ID), eq(holidays.date, date)))
    .returning()
    .get();
}
