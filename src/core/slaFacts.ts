import { z } from "zod";
import { type CaseStatus, isCaseStatus } from "./lifecycle.ts";
import type { SlaFact, SlaFactKind } from "./slaClock.ts";

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

/** A timeline event as recorded: its kind, when, and its payload (parsed). */
export interface RecordedEvent {
  at: number;
  kind: string;
  payload: unknown;
}

/**
 * What the SLA clocks read from one timeline event. Only the instant the event was recorded counts,
 * never a time someone typed in, so no clock is ever back-dated.
 */
export function slaFactsOfEvent(event: RecordedEvent): SlaFact[] {
  const facts: SlaFact[] = [];
  const kind = FACT_OF_EVENT[event.kind];
  if (kind) facts.push({ at: event.at, kind });
  const to = statusMove.safeParse(event.payload).data?.status.to;
  if (to !== undefined && isCaseStatus(to)) {
    facts.push({ at: event.at, kind: "status", status: to });
    if (ENDS_CASE.has(to)) facts.push({ at: event.at, kind: "resolved" });
  }
  return facts;
}

const isAnswer = (f: SlaFact) => f.kind === "party_contact" || f.kind === "decision";

/**
 * The facts `slaClocks` still reads of a case, whatever comes next: the opening and its latest round (from
 * the last move into `appealed`) with every status move, but of its answers only the first and the last
 * two instants before it was resolved. So the kept facts grow with a round's status moves, never with the
 * timeline, and `relevantSlaFacts([...relevantSlaFacts(a), ...b])` reads as `relevantSlaFacts([...a, ...b])`
 * while `b` happens after `a`. Mirrors how `slaClocks` orders facts: by instant, then as recorded.
 */
export function relevantSlaFacts(facts: readonly SlaFact[]): SlaFact[] {
  const sorted = [...facts].sort((a, b) => a.at - b.at);
  const openedIndex = sorted.findIndex((f) => f.kind === "opened");
  const opened = sorted[openedIndex];
  if (!opened) return sorted;
  const roundIndex = sorted.reduce(
    (last, f, i) => (i > openedIndex && f.kind === "status" && f.status === "appealed" ? i : last),
    openedIndex,
  );
  const round = sorted.slice(roundIndex);
  const resolvedIndex = round.findIndex((f) => f.kind === "resolved");
  const answers = round.filter((f, i) => isAnswer(f) && (resolvedIndex < 0 || i < resolvedIndex));
  const last = answers.at(-1);
  // The next update runs from the last answer before the resolution: an answer in its very millisecond does not count.
  const keptAnswers = new Set([answers[0], answers.filter((f) => last && f.at < last.at).at(-1), last]);
  const kept = round.filter((f) => !isAnswer(f) || keptAnswers.has(f));
  return roundIndex === openedIndex ? kept : [opened, ...kept];
}
