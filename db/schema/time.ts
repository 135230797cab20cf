import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { BusinessCalendar } from "../../src/core/businessHours.ts";
import type { SlaFact } from "../../src/core/slaClock.ts";
import { cases } from "./cases.ts";
import { rowId } from "./columns.ts";

/** The business-hours calendar SLA clocks and paging read; one row, `default`, seeded from BUSINESS_TZ. */
export const businessCalendars = sqliteTable("business_calendars", {
  id: text("id").primaryKey(),
  timeZone: text("time_zone").notNull(),
  /** Weekday (0 = Sunday) → [{start, end}] local "HH:MM" spans. */
  weeklyHours: text("weekly_hours", { mode: "json" }).$type<BusinessCalendar["weekly"]>().notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});
export type BusinessCalendarRow = typeof businessCalendars.$inferSelect;

export const holidays = sqliteTable(
  "holidays",
  {
    id: rowId(),
    calendarId: text("calendar_id")
      .notNull()
      .references(() => businessCalendars.id),
    /** YYYY-MM-DD in the calendar's zone. */
    date: text("date").notNull(),
    name: text("name").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("holidays_calendar_date").on(t.calendarId, t.date)],
);
export type HolidayRow = typeof holidays.$inferSelect;

/**
 * Where each open case's SLA clocks stand, as the last check of them left it: App Home reads the cases at
 * risk from here instead of recomputing every open case's clocks from its timeline.
 */
export const slaWatch = sqliteTable(
  "sla_watch",
  {
    caseId: integer("case_id")
      .primaryKey()
      .references(() => cases.id),
    /** When the first of its running clocks reaches 90 % of its target; null while none runs. */
    riskAt: integer("risk_at"),
    /** When that clock is due. */
    dueAt: integer("due_at"),
    checkedAt: integer("checked_at").notNull(),
  },
  (t) => [
    index("sla_watch_risk").on(t.riskAt),
    // App Home lists the soonest due of the watched clocks at risk; closing a case deletes its row.
    index("sla_watch_due").on(t.dueAt).where(sql`risk_at IS NOT NULL`),
  ],
);

/**
 * What each case's SLA clocks read of its timeline, kept in the transaction of every event that bears on
 * them (`relevantSlaFacts`): status, summary and App Home read one row per case, never the timeline.
 */
export const slaFacts = sqliteTable("sla_facts", {
  caseId: integer("case_id")
    .primaryKey()
    .references(() => cases.id),
  facts: text("facts", { mode: "json" }).$type<SlaFact[]>().notNull(),
  /** The seq of the last event folded in. */
  throughSeq: integer("through_seq").notNull(),
});
