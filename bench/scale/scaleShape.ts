/**
 * How big each table of a scale database is, from the number of cases: the ratios of issue 12 (1,000,000
 * cases, 10,000,000 timeline events, 1.5M evidence entries, 175k decisions, 3M jobs), kept for any size.
 */

/** Bump when the builder writes different rows: a cached file of another version is rebuilt. */
export const BUILDER_VERSION = 3;

export const DEFAULT_CASES = 1_000_000;
export const EVENTS_PER_CASE = 10;
export const EVIDENCE_PER_CASE = 1.5;
export const DECISIONS_PER_CASE = 0.175;
export const JOBS_PER_CASE = 3;
/** The worst account had 578 decisions. */
export const HEAVY_ACCOUNT_DECISIONS = 578;
export const LONG_CASE_EVENTS = 10_000;
/** Cases open at the end (the rest closed): recent ones, and a few that lingered for years. */
export const OPEN_SHARE = 0.05;

// Ten years of cases ending shortly before the bench runs, at a fixed instant so the build is deterministic.
export const HISTORY_END = Date.UTC(2026, 11, 1);
export const HISTORY_START = Date.UTC(2016, 11, 1);
// The DSA statement's application_date may not be earlier (statementOfReasons.ts): no decisions before it.
export const FIRST_DECISION_AT = Date.UTC(2020, 1, 1);

export interface ScaleShape {
  cases: number;
  events: number;
  evidence: number;
  decisions: number;
  jobs: number;
  /** Decisions of the one account with hundreds of them (fewer in a small database). */
  heavyAccountDecisions: number;
  /** Events of the one long case (at most a tenth of all events in a small database). */
  longCaseEvents: number;
}

export function scaleShape(cases: number): ScaleShape {
  if (!Number.isInteger(cases) || cases < 20) throw new Error(`scale: cases must be a whole number ≥ 20, got ${cases}`);
  const events = cases * EVENTS_PER_CASE;
  const decisions = Math.round(cases * DECISIONS_PER_CASE);
  return {
    cases,
    events,
    evidence: Math.round(cases * EVIDENCE_PER_CASE),
    decisions,
    jobs: cases * JOBS_PER_CASE,
    heavyAccountDecisions: Math.min(HEAVY_ACCOUNT_DECISIONS, Math.floor(decisions / 4)),
    longCaseEvents: Math.min(LONG_CASE_EVENTS, Math.floor(events / 10)),
  };
}

/**
 * `total` spread over `slots` as evenly as whole numbers allow: how many of them the first `filled`
 * slots hold, so each slot takes `share(k + 1) - share(k)` and the slots sum to exactly `total`.
 */
export function evenShare(total: number, slots: number, filled: number): number {
  return Math.floor((filled * total) / slots);
}
