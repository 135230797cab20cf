import { fail } from "./domainError.ts";

export const CASE_STATUSES = [
  "new",
  "triage",
  "investigating",
  "waiting_reporter",
  "waiting_respondent",
  "waiting_consult",
  "decision",
  "resolved",
  "closed",
  "appealed",
  "merged",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const WAITING = ["waiting_reporter", "waiting_respondent", "waiting_consult"] as const;

/**
 * The case lifecycle (DESIGN §3); every move not listed here is refused.
 * Beyond the DESIGN line: a specialist may start investigating a new case at once, triage may
 * resolve a case that needs no action, a case may switch between waiting states without resuming
 * (e.g. a consult opened while still waiting on the reporter), and a decision may go back to
 * investigating when the proposal is rejected. `closed` leaves only by appeal; `merged` is terminal.
 */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ["triage", "investigating", "merged"],
  triage: ["investigating", "resolved", "merged"],
  investigating: [...WAITING, "decision", "merged"],
  waiting_reporter: ["investigating", "waiting_respondent", "waiting_consult", "merged"],
  waiting_respondent: ["investigating", "waiting_reporter", "waiting_consult", "merged"],
  waiting_consult: ["investigating", "waiting_reporter", "waiting_respondent", "merged"],
  decision: ["resolved", "investigating", "merged"],
  resolved: ["closed", "appealed", "merged"],
  closed: ["appealed"],
  // An appeal upheld closes the case again; overturns and modifications go back to investigating.
  appealed: ["investigating", "closed", "merged"],
  merged: [],
};

interface StatusTraits {
  label: string;
  open: boolean;
  pausesSla: boolean;
}

const STATUS_TRAITS: Readonly<Record<CaseStatus, StatusTraits>> = {
  new: { label: "New", open: true, pausesSla: false },
  triage: { label: "In triage", open: true, pausesSla: false },
  investigating: { label: "Investigating", open: true, pausesSla: false },
  waiting_reporter: { label: "Waiting on reporter", open: true, pausesSla: true },
  waiting_respondent: { label: "Waiting on respondent", open: true, pausesSla: true },
  waiting_consult: { label: "Waiting on consult", open: true, pausesSla: true },
  decision: { label: "Awaiting decision", open: true, pausesSla: false },
  resolved: { label: "Resolved", open: false, pausesSla: false },
  closed: { label: "Closed", open: false, pausesSla: false },
  appealed: { label: "Under appeal", open: true, pausesSla: false },
  merged: { label: "Merged", open: false, pausesSla: false },
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (canTransition(from, to)) return;
  fail(
    "invalid_transition",
    `A case that is ${statusLabel(from).toLowerCase()} cannot move to ${statusLabel(to).toLowerCase()}.`,
  );
}

export function statusLabel(s: CaseStatus): string {
  return STATUS_TRAITS[s].label;
}

/** Open cases count toward queues and SLA; resolved, closed and merged cases do not. */
export function isOpenStatus(s: CaseStatus): boolean {
  return STATUS_TRAITS[s].open;
}

/** While a case waits on someone outside the team, its SLA clock stops. */
export function pausesSlaClock(s: CaseStatus): boolean {
  return STATUS_TRAITS[s].pausesSla;
}

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}
