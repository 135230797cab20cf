import { SEVERITY_POLICIES, type Severity } from "./severity.ts";

/** DESIGN §4: SEV1 always pages; SEV2 pages only outside business hours; lower severities never page. */
export function shouldPage(severity: Severity, outsideBusinessHours: boolean): boolean {
  const { paging } = SEVERITY_POLICIES[severity];
  return paging === "always" || (paging === "outside_business_hours" && outsideBusinessHours);
}

export type PageStep = { step: "primary" | "secondary" | "escalation_channel"; at: number };

const MINUTE_MS = 60 * 1000;

/**
 * The escalation ladder of a page sent at `pagedAt`: each step fires when the previous one went
 * unacknowledged for the severity's ack target. A severity that is never paged has no ladder.
 */
export function escalationPlan(severity: Severity, pagedAt: number): PageStep[] {
  const { ackMinutes } = SEVERITY_POLICIES[severity];
  if (ackMinutes === null) return [];
  const ackMs = ackMinutes * MINUTE_MS;
  return [
    { step: "primary", at: pagedAt },
    { step: "secondary", at: pagedAt + ackMs },
    { step: "escalation_channel", at: pagedAt + 2 * ackMs },
  ];
}

/** An acknowledgement by anyone paged stops the whole ladder, whichever step it reached. */
export function nextStepAfterAck(_plan: readonly PageStep[], _ackedAt: number): null {
  return null;
}
