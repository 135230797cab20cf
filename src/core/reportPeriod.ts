import { CATEGORIES, isCategoryId } from "./categories.ts";
import { fail } from "./domainError.ts";
import { instantAt, isoDateOf, type LocalDay, localDayOf, weekdayOf } from "./localTime.ts";

export const REPORT_PERIODS = ["week", "month"] as const;
export type ReportPeriodKind = (typeof REPORT_PERIODS)[number];

export const REPORT_USAGE = "report week|month [category]";

/** A complete ISO week (Monday to Sunday) or calendar month in the business calendar's zone. */
export interface ReportPeriod {
  kind: ReportPeriodKind;
  firstDay: string;
  /** The last day, included. */
  lastDay: string;
  timeZone: string;
  /** [fromAt, toAt): local midnight of the first day to local midnight after the last. */
  fromAt: number;
  toAt: number;
}

export interface ReportRequest {
  kind: ReportPeriodKind;
  category: string | null;
}

const DAY_MS = 24 * 60 * 60_000;

/** `week` or `month`, then an optional category id of the catalog. */
export function parseReportRequest(args: readonly string[]): ReportRequest {
  const [kindText, category, ...extra] = args.map((a) => a.toLowerCase());
  const kind = REPORT_PERIODS.find((k) => k === kindText);
  if (!kind || extra.length > 0) fail("invalid_input", `Usage: \`/incident ${REPORT_USAGE}\``);
  if (category !== undefined && !isCategoryId(category)) {
    fail("invalid_input", `Unknown category. The categories are: ${CATEGORIES.map((c) => c.id).join(", ")}.`);
  }
  return { kind, category: category ?? null };
}

/** The Monday of the ISO week holding `day`. */
export const mondayOf = (day: LocalDay): LocalDay => day - ((weekdayOf(day) + 6) % 7);

function periodOfDays(kind: ReportPeriodKind, first: LocalDay, afterLast: LocalDay, timeZone: string): ReportPeriod {
  return {
    kind,
    firstDay: isoDateOf(first),
    lastDay: isoDateOf(afterLast - 1),
    timeZone,
    fromAt: instantAt(first, 0, timeZone),
    toAt: instantAt(afterLast, 0, timeZone),
  };
}

/** The ISO week starting on the local Monday `monday`. */
export const weekFrom = (monday: LocalDay, timeZone: string): ReportPeriod =>
  periodOfDays("week", monday, monday + 7, timeZone);

/** The last ISO week or calendar month that ended before `now`, in `timeZone`. */
export function lastCompletePeriod(kind: ReportPeriodKind, now: number, timeZone: string): ReportPeriod {
  const today = localDayOf(now, timeZone);
  if (kind === "week") return weekFrom(mondayOf(today) - 7, timeZone);
  const date = new Date(today * DAY_MS);
  const firstOfThisMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS;
  const firstOfLastMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1) / DAY_MS;
  return periodOfDays("month", firstOfLastMonth, firstOfThisMonth, timeZone);
}
