import { z } from "zod";
import type { CaseEventRow, CaseRow } from "../../../db/schema.ts";
import type { BusinessCalendar } from "../../core/businessHours.ts";
import { fail } from "../../core/domainError.ts";
import { type CaseStatus, isCaseStatus } from "../../core/lifecycle.ts";
import { parseSeverity } from "../../core/severity.ts";
import { type SlaClockState, type SlaFact, type SlaFactKind, slaClocks } from "../../core/slaClock.ts";
import type { Executor } from "../../store/database.ts";
import { timelinesOfCases } from "../../store/events.ts";

/** Timeline event kinds that start or answer a case; every other kind counts only through its status move. */
const FACT_OF_EVENT: Readonly<Record<string, SlaFactKind>> = {
  case_opened: "opened",
  // A logged mediation entry is a contact, offer or outcome with a party.
  mediation_logged: "party_contact",
  decision_recorded: "decision",
};

// Merging into another case ends this one as surely as closing it.
const ENDS_CASE: ReadonlySet<CaseStatus> = new Set(["resolved", "closed", "merged"]);

const statusMove = z.object({ status: z.object({ to: z.string() }) });

type TimelineEntry = Pick<CaseEventRow, "at" | "kind" | "payload">;

/**
 * What the SLA clocks read from a case's timeline. Only the instant the event was recorded counts,
 * never a time someone typed in, so no clock is ever back-dated.
 */
export function slaFactsOf(events: readonly TimelineEntry[]): SlaFact[] {
  return events.flatMap((event): SlaFact[] => {
    const facts: SlaFact[] = [];
    const kind = FACT_OF_EVENT[event.kind];
    if (kind) facts.push({ at: event.at, kind });
    const to = statusMove.safeParse(JSON.parse(event.payload)).data?.status.to;
    if (to !== undefined && isCaseStatus(to)) {
      facts.push({ at: event.at, kind: "status", status: to });
      if (ENDS_CASE.has(to)) facts.push({ at: event.at, kind: "resolved" });
    }
    return facts;
  });
}

/**
 * Each case's SLA clocks at `now`, from its stored timeline, keyed by case id: the one reading the
 * summary, the reminder jobs and App Home share. Load the calendar with `loadCalendar`.
 */
export function slaClocksOfCases(
  tx: Executor,
  records: readonly CaseRow[],
  calendar: BusinessCalendar,
  now: number,
): Map<number, SlaClockState[]> {
  const timelines = new Map<number, TimelineEntry[]>(records.map((r) => [r.id, []]));
  const caseIds = records.map((r) => r.id);
  for (const row of timelinesOfCases(tx, caseIds)) timelines.get(row.caseId)?.push(row);
  return new Map(
    records.map((record) => {
      const severity =
        parseSeverity(record.severity) ?? fail("invalid_input", `${record.humanId} has no known severity`);
      const facts = slaFactsOf(timelines.get(record.id) ?? []);
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
