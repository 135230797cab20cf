import { TZDate } from "@date-fns/tz";

/** The business zone the harness runs in (BUSINESS_TZ's default). */
export const LA = "America/Los_Angeles";

/** The instant of a local wall time ("2026-03-09 09:00") in `zone`, so time tests read like a calendar. */
export function wallTime(zone: string, text: string): number {
  const [date = "", time = ""] = text.split(" ");
  const [year, month, day] = date.split("-").map(Number);
  const [hours, minutes] = time.split(":").map(Number);
  return new TZDate(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), zone).getTime();
}

/** An instant given as Los Angeles wall time, "2026-12-04 16:00". */
export const la = (text: string): number => wallTime(LA, text);

/** The instant of a wall time given as numbers (month 1–12), in Los Angeles unless `zone` says otherwise. */
export const localAt = (year: number, month: number, day: number, hour: number, minute = 0, zone = LA): number =>
  new TZDate(year, month - 1, day, hour, minute, zone).getTime();

/** An instant written in ISO form, "2026-03-02T17:00:00Z". */
export const utc = (iso: string): number => Date.parse(iso);
