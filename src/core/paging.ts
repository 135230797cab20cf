import { SEVERITY_POLICIES, type Severity } from "./severity.ts";

/** DESIGN §4: SEV1 always pages; SEV2 pages only outside business hours; lower severities never page. */
export function shouldPage(severity: Severity, outsideBusinessHours: boolean): boolean {
  const { paging } = SEVERITY_POLICIES[severity];
  return paging === "always" || (paging === "outside_business_hours" && outsideBusinessHours);
}

/** The rungs of a page's ladder, in the order they are climbed. */
export const PAGE_STEPS = ["primary", "secondary", "escalation_channel"] as const;
export type PageStepName = (typeof PAGE_STEPS)[number];

export type PageStep = { step: PageStepName; at: number };

const MINUTE_MS = 60 * 1000;

/** A severity that is never paged automatically still gets a ladder when someone pages by hand. */
export const MANUAL_PAGE_ACK_MINUTES = 15;

/** Minutes the paged person has to acknowledge a page about a case of `severity`. */
export function pageAckMinutes(severity: Severity): number {
  return SEVERITY_POLICIES[severity].ackMinutes ?? MANUAL_PAGE_ACK_MINUTES;
}

/** Each step fires when the previous one went unacknowledged for `ackMinutes`. */
export function pageLadder(pagedAt: number, ackMinutes: number): PageStep[] {
  const ackMs = ackMinutes * MINUTE_MS;
  return PAGE_STEPS.map((step, index) => ({ step, at: pagedAt + index * ackMs }));
}

/**
 * The escalation ladder of an automatic page sent at `pagedAt`, at the severity's ack target. A severity
 * that is never paged automatically has no ladder.
 */
export function escalationPlan(severity: Severity, pagedAt: number): PageStep[] {
  const { ackMinutes } = SEVERITY_POLICIES[severity];
  return ackMinutes === null ? [] : pageLadder(pagedAt, ackMinutes);
}

export const PAGE_STATUSES = ["paging", "acknowledged", "exhausted"] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

/** auto: intake or a severity raise; manual: `/incident page`. */
export const PAGE_TRIGGERS = ["auto", "manual"] as const;
export type PageTrigger = (typeof PAGE_TRIGGERS)[number];

/** Where one step of a page goes: a DM to a person, or a post to the escalation channel. */
export type PageTarget = { kind: "person"; userId: string } | { kind: "escalation_channel" };

export interface PageState {
  status: PageStatus;
  /** The furthest step taken so far; nothing has been taken while `stepAt` is null. */
  step: PageStepName;
  /** When `step` went out. */
  stepAt: number | null;
  primaryUser: string | null;
  secondaryUser: string | null;
  ackMinutes: number;
}

const rank = (step: PageStepName) => PAGE_STEPS.indexOf(step);
const takenRank = (page: PageState) => (page.stepAt === null ? -1 : rank(page.step));

/** Each step's target: a missing person is skipped straight to the escalation channel. */
function targetOf(page: PageState, step: PageStepName): PageTarget {
  const userId = step === "primary" ? page.primaryUser : step === "secondary" ? page.secondaryUser : null;
  return userId ? { kind: "person", userId } : { kind: "escalation_channel" };
}

/**
 * What step `step` of a page should do now, or null when it should do nothing: the page was
 * acknowledged, a later step was already taken, or an earlier step already told the escalation channel
 * (the channel hears of a page once, from the first step with nobody to page).
 */
export function pageStepAction(page: PageState, step: PageStepName): PageTarget | null {
  if (page.status !== "paging") return null;
  if (takenRank(page) >= rank(step)) return null;
  const earlierReachedChannel = PAGE_STEPS.slice(0, rank(step)).some(
    (earlier) => targetOf(page, earlier).kind === "escalation_channel",
  );
  return earlierReachedChannel ? null : targetOf(page, step);
}

/**
 * When step `step` may go out, or undefined for now: a full ack window after the step before it went
 * out, so a ladder that all fell due while the bot was down (or Slack was failing) still gives each
 * person their time to acknowledge. `previousDueAt` is when the previous step's job is due while it has
 * not run yet; a previous step that will never go out (its job gave up) holds nothing back.
 */
export function pageStepDueAt(
  page: PageState,
  step: PageStepName,
  now: number,
  previousDueAt: number | undefined,
): number | undefined {
  const index = rank(step);
  if (index === 0) return undefined;
  const ackMs = page.ackMinutes * MINUTE_MS;
  const taken = takenRank(page);
  if (taken === index - 1 && page.stepAt !== null) {
    const due = page.stepAt + ackMs;
    return now < due ? due : undefined;
  }
  if (taken < index - 1 && previousDueAt !== undefined) return Math.max(now, previousDueAt) + ackMs;
  return undefined;
}
