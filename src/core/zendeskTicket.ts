/** A Zendesk ticket event as the desk reads it, whatever carried it in: the webhook parses into these. */

export const ZENDESK_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type ZendeskPriority = (typeof ZENDESK_PRIORITIES)[number];

export const ZENDESK_LIMITS = {
  /** Zendesk ticket ids are integers; 12 digits matches the intake form's ticket field. */
  ticketIdDigits: 12,
  /** A comment's text kept on the timeline, as much as an intake description holds. */
  commentMax: 3000,
  tagMax: 80,
  tagsMax: 100,
} as const;

export interface ZendeskTicket {
  id: string;
  subject: string;
  description: string;
  priority: ZendeskPriority | null;
  status: string | null;
  tags: string[];
  requesterId: string | null;
  /** The ticket's own external id (some desks put the platform account there), never the requester's. */
  externalId: string | null;
}

/** What the event says changed; `created` carries nothing beyond the ticket itself. */
export type ZendeskTicketChange =
  | { type: "created" }
  | { type: "comment_added"; commentId: string | null; isPublic: boolean; authorIsStaff: boolean; body: string }
  | { type: "tags_changed"; added: string[]; removed: string[] }
  | { type: "priority_changed"; from: string | null; to: string | null }
  | { type: "status_changed"; from: string | null; to: string | null };

export type ZendeskChangeType = ZendeskTicketChange["type"];

export interface ZendeskTicketEvent {
  /** The event's own id: a redelivery repeats it. */
  eventId: string;
  occurredAt: number;
  ticket: ZendeskTicket;
  change: ZendeskTicketChange;
}

/** The agent-interface address of a ticket, when the desk knows its Zendesk subdomain. */
export function zendeskTicketUrl(subdomain: string | undefined, ticketId: string): string | null {
  return subdomain ? `https://${subdomain}.zendesk.com/agent/tickets/${encodeURIComponent(ticketId)}` : null;
}
