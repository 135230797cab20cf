import type { CaseRow } from "../../../db/schema.ts";
import type { BusinessCalendar } from "../../core/businessHours.ts";
import { fail } from "../../core/domainError.ts";
import { parseSeverity } from "../../core/severity.ts";
import { type SlaClockState, type SlaFact, slaClocks } from "../../core/slaClock.ts";
import { slaFactsOfEvent } from "../../core/slaFacts.ts";
import type { Executor } from "../../store/database.ts";
import { slaFactsOfCases } from "../../store/slaFacts.ts";

/** A stored timeline event: its payload as the canonical JSON text it was stored as. */
type TimelineEntry = { at: number; kind: string; payload: string };

/** What the SLA clocks read from stored timeline events: the full replay the kept facts must always match. */
export function slaFactsOf(events: readonly TimelineEntry[]): SlaFact[] {
  return events.flatMap((event) =>
    slaFactsOfEvent({ at: event.at, kind: event.kind, payload: JSON.parse(event.payload) }),
  );
}

/**
 * Each case's SLA clocks at `now`, keyed by case id: the one reading the summary, the reminder jobs and
 * App Home share. Reads one row of kept facts per case, never its timeline. Load the calendar with `loadCalendar`.
 */
export function slaClocksOfCases(
  tx: Executor,
  records: readonly CaseRow[],
  calendar: BusinessCalendar,
  now: number,
): Map<number, SlaClockState[]> {
  const factsOfCase = slaFactsOfCases(
    tx,
    records.map((r) => r.id),
  );
  return new Map(
    records.map((record) => {
      const severity =
        parseSeverity(record.severity) ?? fail("invalid_input", `${record.humanId} has no known severity`);
      const facts = factsOfCase.get(record.id) ?? [];
      return [record.id, slaClocks({ severity, calendar, facts, now })];
    }),
  );
}

export function slaClocksOfCase(
  tx: Executor,
  record: CaseRow,
  calendar: BusinessCalendar,
  now: number,
): SlaClockState[] {
  return slaClocksOfCases(tx, [record], calendar, now).get(record.id) ?? [];
}
