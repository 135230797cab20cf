/** Severity levels, most severe first: the order of this list is the severity order. */
export const SEVERITIES = ["sev1", "sev2", "sev3", "sev4"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A severity's place in SEVERITIES from 1 (SEV1): the priority of the case's jobs, lower running first. */
export const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity) + 1;

/** The rank of the least severe level: jobs of no case, and jobs queued before ranks existed, run last. */
export const LOWEST_SEVERITY_RANK = SEVERITIES.length;

export interface ClockTarget {
  minutes: number;
  clock: "calendar" | "business";
}

export interface SeverityPolicy {
  label: "SEV1" | "SEV2" | "SEV3" | "SEV4";
  meaning: string;
  warRoom: "always" | "on_request";
  paging: "always" | "outside_business_hours" | "never";
  /** Minutes the paged on-call person has to acknowledge before the page escalates; null = never paged. */
  ackMinutes: number | null;
  firstResponse: ClockTarget;
  /** How long the team may go without a party-facing contact or decision once it has first responded. */
  nextUpdate: ClockTarget;
  resolution: ClockTarget;
}

// DESIGN states some targets in business days; one business day is counted as 8 business hours.
export const BUSINESS_DAY_MINUTES = 8 * 60;

const calendarMinutes = (minutes: number): ClockTarget => ({ minutes, clock: "calendar" });
const businessDays = (days: number): ClockTarget => ({ minutes: days * BUSINESS_DAY_MINUTES, clock: "business" });

/** DESIGN §3 severity table: the one place default targets live. */
export const SEVERITY_POLICIES: Readonly<Record<Severity, SeverityPolicy>> = {
  sev1: {
    label: "SEV1",
    meaning: "Imminent physical danger, minors, self-harm, active violence",
    warRoom: "always",
    paging: "always",
    ackMinutes: 5,
    firstResponse: calendarMinutes(30),
    nextUpdate: calendarMinutes(2 * 60),
    resolution: calendarMinutes(24 * 60),
  },
  sev2: {
    label: "SEV2",
    meaning: "Sexual misconduct, theft, injury, fraud with loss, doxxing, credible threat",
    warRoom: "always",
    paging: "outside_business_hours",
    ackMinutes: 15,
    firstResponse: calendarMinutes(2 * 60),
    nextUpdate: businessDays(1),
    resolution: businessDays(3),
  },
  sev3: {
    label: "SEV3",
    meaning: "Harassment, off-platform payment, review abuse, misconduct without harm",
    warRoom: "on_request",
    paging: "never",
    ackMinutes: null,
    firstResponse: businessDays(1),
    nextUpdate: businessDays(2),
    resolution: businessDays(5),
  },
  sev4: {
    label: "SEV4",
    meaning: "Service-quality dispute, low-risk policy question",
    warRoom: "on_request",
    paging: "never",
    ackMinutes: null,
    firstResponse: businessDays(2),
    nextUpdate: businessDays(5),
    resolution: businessDays(10),
  },
};

export function severityPolicy(s: Severity): SeverityPolicy {
  return SEVERITY_POLICIES[s];
}

/** True when `a` is strictly more severe than `b` (sev1 is the most severe). */
export function isMoreSevere(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) < SEVERITIES.indexOf(b);
}

export function isAtLeastAsSevere(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b);
}

/** Accepts `sev2`, `SEV2` or ` Sev2 ` as typed in a command; anything else is undefined. */
export function parseSeverity(value: string): Severity | undefined {
  const normalized = value.trim().toLowerCase();
  return SEVERITIES.find((s) => s === normalized);
}

/** SEV1 and SEV2 get a war room as soon as the case is opened; lower severities only on request. */
export function needsWarRoomAtIntake(s: Severity): boolean {
  return SEVERITY_POLICIES[s].warRoom === "always";
}
