import { fail } from "../../core/domainError.ts";
import { parseIsoDate } from "../../core/localTime.ts";

/** The date a holiday command names, checked to be a real YYYY-MM-DD date. */
export function parseHolidayDate(date: string): string {
  if (parseIsoDate(date) === undefined)
    fail("invalid_input", "A holiday is a real date written YYYY-MM-DD, such as 2026-12-25.");
  return date.trim();
}

/** Holidays before today are history. */
export function assertNotPast(date: string, today: string): void {
  // SLA clocks already counted the days before today; changing them would rewrite past targets.
  if (date < today) fail("invalid_input", `${date} is in the past; only today's and later holidays can change.`);
}
