import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { REPORT_PERIODS } from "../../src/core/reportPeriod.ts";
import { rowId, sharedFilesSteps } from "./columns.ts";

export const REPORT_OUTCOMES = ["posted", "failed"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/**
 * Each team report, asked for with `/incident report` or scheduled weekly, posted by a job. Each step is
 * recorded as it is done, so a retried job neither posts a second progress message nor uploads twice.
 */
export const reportRuns = sqliteTable("report_runs", {
  id: rowId(),
  /** `weekly:<first day>` for the scheduled report: a restart or a second worker finds the week's run. */
  scheduleKey: text("schedule_key").unique(),
  period: text("period", { enum: REPORT_PERIODS }).notNull(),
  /** First and last local day (YYYY-MM-DD) in `time_zone`, both included. */
  firstDay: text("first_day").notNull(),
  lastDay: text("last_day").notNull(),
  timeZone: text("time_zone").notNull(),
  /** The instants of the period: [from_at, to_at). */
  fromAt: integer("from_at").notNull(),
  toAt: integer("to_at").notNull(),
  /** A category id; null for every category. */
  category: text("category"),
  /** Null for the scheduled report, which goes to REPORT_CHANNEL_ID. */
  requestedBy: text("requested_by"),
  /** Where the command was typed, or the configured report channel. */
  requestChannelId: text("request_channel_id").notNull(),
  requestedAt: integer("requested_at").notNull(),
  ...sharedFilesSteps(),
  outcome: text("outcome", { enum: REPORT_OUTCOMES }),
  failure: text("failure"),
});
export type ReportRunRow = typeof reportRuns.$inferSelect;
export type NewReportRunRow = typeof reportRuns.$inferInsert;
