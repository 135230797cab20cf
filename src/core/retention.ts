import { categoryById } from "./categories.ts";
import type { CaseStatus } from "./lifecycle.ts";
import { RETENTION_DAYS } from "./retentionPeriods.ts";
import type { TimelineEventKind } from "./timelineEvents.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a redacted text becomes: a marker, so a reader sees that something was there and was removed. */
export const REDACTED = "[redacted under retention]";

/** An unknown (retired) category keeps the longest period: redacting early cannot be undone. */
export function retentionDaysOf(category: string): number {
  const known = categoryById(category);
  return known ? RETENTION_DAYS[known.retention] : Math.max(...Object.values(RETENTION_DAYS));
}

export interface RetentionFacts {
  category: string;
  status: CaseStatus;
  /** The instant of the case's latest move to closed; null if it never closed. */
  closedAt: number | null;
  held: boolean;
  redacted: boolean;
}

/**
 * When the case's personal data is due for redaction: its period after its latest close. Never while it is
 * open again (an appeal reopens it), under a legal hold, or once redacted; null then.
 */
export function redactionDueAt(facts: RetentionFacts): number | null {
  if (facts.status !== "closed" || facts.closedAt === null || facts.held || facts.redacted) return null;
  return facts.closedAt + retentionDaysOf(facts.category) * DAY_MS;
}

export function isRedactionDue(facts: RetentionFacts, now: number): boolean {
  const dueAt = redactionDueAt(facts);
  return dueAt !== null && dueAt <= now;
}

/** The shortest period: no case created later than `now` minus this can be due (a cheap bound for the planner). */
export function shortestRetentionMs(): number {
  return Math.min(...Object.values(RETENTION_DAYS)) * DAY_MS;
}

/**
 * The payload fields of each event kind that hold personal data: text people typed about parties (`title`,
 * `description`, `reason`…), links and file names. `files[].name` is the `name` of each item of `files`.
 * Kept: account refs (the decisions and sanction ladder keep them), staff Slack ids, hashes, sizes, codes.
 */
export const PERSONAL_PAYLOAD_FIELDS: Readonly<Record<TimelineEventKind, readonly string[]>> = {
  case_opened: ["title", "description", "zendeskTicket"],
  announced_in_triage: [],
  war_room_requested: [],
  war_room_created: [],
  member_invited: [],
  owner_assigned: [],
  status_changed: ["note"],
  case_resolved: [],
  case_closed: ["summary"],
  close_summary_posted: [],
  war_room_archived: [],
  evidence_added: ["description", "source", "link", "files[].name"],
  evidence_submitted: ["description", "source", "link"],
  // The reason names the file.
  evidence_not_saved: ["reason"],
  evidence_redacted: ["reason"],
  consult_requested: ["question"],
  consult_sent: [],
  consult_answered: ["answer"],
  mediation_logged: ["summary"],
  sanction_proposed: ["facts"],
  vote_cast: ["rationale"],
  proposal_rejected: [],
  proposal_escalated: [],
  decision_recorded: [],
  interim_suspension_applied: ["reason"],
  interim_suspension_lifted: ["reason"],
  appeal_opened: ["grounds"],
  appeal_upheld: ["rationale"],
  appeal_reviewed: ["rationale"],
  page_sent: [],
  page_escalated: [],
  page_acknowledged: [],
  sla_reminder: [],
  slack_effect_failed: [],
  legal_hold_placed: ["reason"],
  legal_hold_released: [],
  personal_data_redacted: [],
  // The ticket id leads back to the requester in Zendesk, as case_opened's zendeskTicket does.
  zendesk_ticket_updated: ["ticketId", "comment"],
};

export interface RedactedPayload {
  payload: Record<string, unknown>;
  /** Field name (`evidence_added.files[].name`) → how many values were replaced. */
  fields: Record<string, number>;
}

/** The payload with every personal text replaced by the marker; empty `fields` when there was none. */
export function redactPayload(kind: TimelineEventKind, payload: Record<string, unknown>): RedactedPayload {
  const redacted: Record<string, unknown> = { ...payload };
  const fields: Record<string, number> = {};
  const count = (path: string) => {
    const name = `${kind}.${path}`;
    fields[name] = (fields[name] ?? 0) + 1;
  };
  for (const path of PERSONAL_PAYLOAD_FIELDS[kind]) {
    const [field = "", itemField] = path.split("[].");
    const value = redacted[field];
    if (itemField === undefined) {
      if (typeof value === "string" && value !== "" && value !== REDACTED) {
        redacted[field] = REDACTED;
        count(path);
      }
    } else if (Array.isArray(value)) {
      redacted[field] = value.map((item: unknown) => {
        if (typeof item !== "object" || item === null) return item;
        const text = (item as Record<string, unknown>)[itemField];
        if (typeof text !== "string" || text === "" || text === REDACTED) return item;
        count(path);
        return { ...item, [itemField]: REDACTED };
      });
    }
  }
  return { payload: redacted, fields };
}
