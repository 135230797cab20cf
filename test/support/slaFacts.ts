import { type BusinessCalendar, defaultCalendar } from "../../src/core/businessHours.ts";
import type { CaseStatus } from "../../src/core/lifecycle.ts";
import type { Severity } from "../../src/core/severity.ts";
import { type SlaClockName, type SlaClockState, type SlaFact, slaClocks } from "../../src/core/slaClock.ts";
import { LA, la } from "./wallTime.ts";

/** The default calendar of the business zone: Monday to Friday, 09:00–17:00 Los Angeles. */
export const office = defaultCalendar(LA);

export const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

/** The facts a case's SLA clocks read, each at a Los Angeles wall time such as "2026-03-10 10:00". */
export const opened = (wallTime: string): SlaFact => ({ at: la(wallTime), kind: "opened", status: "investigating" });
export const status = (wallTime: string, to: CaseStatus): SlaFact => ({
  at: la(wallTime),
  kind: "status",
  status: to,
});
export const fact = (wallTime: string, kind: SlaFact["kind"]): SlaFact => ({ at: la(wallTime), kind });

/** One of the case's clocks at the wall time `now`. */
export function clock(
  name: SlaClockName,
  severity: Severity,
  facts: SlaFact[],
  now: string,
  calendar: BusinessCalendar = office,
): SlaClockState {
  const state = slaClocks({ severity, calendar, facts, now: la(now) }).find((c) => c.name === name);
  if (!state) throw new Error(`no ${name} clock`);
  return state;
}
