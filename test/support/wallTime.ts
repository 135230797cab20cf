import { TZDate } from "@date-fns/tz";

/** The instant of a local wall time ("2026-03-09 09:00") in `zone`, so time tests read like a calendar. */
export function wallTime(zone: string, text: string): number {
  const [date = "", time = ""] = text.split(" ");
  const [year, month, day] = date.split("-").map(Number);
  const [hours, minutes] = time.split(":").map(Number);
  return new TZDate(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), zone).getTime();
}
