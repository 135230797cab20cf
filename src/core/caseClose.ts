import { type CaseStatus, canTransition } from "./lifecycle.ts";

/** How a case ended; the close form offers these, and the closing summary names one. */
export const CLOSE_OUTCOMES = {
  action_taken: "Action taken",
  no_violation: "No violation found",
  duplicate: "Duplicate",
  referred: "Referred elsewhere",
  withdrawn: "Withdrawn by reporter",
} as const;
export type CloseOutcome = keyof typeof CLOSE_OUTCOMES;

export const CLOSE_SUMMARY_MAX = 3000;

export function isCloseOutcome(value: string): value is CloseOutcome {
  return Object.hasOwn(CLOSE_OUTCOMES, value);
}

/**
 * Closing walks the lifecycle forward, never around it: from where the case is, through awaiting
 * decision and resolved, to closed, one recorded move per step. A case waiting on someone, new,
 * under appeal or merged has no such path and is refused (resume, triage or decide it first).
 */
const CLOSING_STEPS: readonly CaseStatus[] = ["decision", "resolved", "closed"];

/** The moves that take a case from `from` to closed, in order; undefined when it cannot be closed from there. */
export function stepsToClose(from: CaseStatus): CaseStatus[] | undefined {
  // An appeal is closed by its review (/incident appeal review), not by the close form.
  if (from === "closed" || from === "appealed") return undefined;
  const path: CaseStatus[] = [];
  let at: CaseStatus = from;
  for (const step of CLOSING_STEPS) {
    if (path.length === 0 && !canTransition(at, step)) continue;
    if (!canTransition(at, step)) return undefined;
    path.push(step);
    at = step;
  }
  return path.at(-1) === "closed" ? path : undefined;
}

/** "3 d 4 h", "5 h 12 min", "8 min": how long a case was open, to the minute. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${rest} min`;
  return `${rest} min`;
}

/** Why a case in this status cannot be closed, and what to do instead. */
const CANNOT_CLOSE: Readonly<Partial<Record<CaseStatus, string>>> = {
  new: "triage it first",
  waiting_reporter: "move it back to investigating first",
  waiting_respondent: "move it back to investigating first",
  waiting_consult: "move it back to investigating first",
  closed: "it is already closed",
  appealed: "an appeal is closed by its review: `/incident appeal review`",
  merged: "it was merged into another case",
};

export function cannotCloseReason(status: CaseStatus): string {
  return CANNOT_CLOSE[status] ?? "the lifecycle does not allow it";
}
