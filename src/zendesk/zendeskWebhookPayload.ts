import { z } from "zod";
import { truncate } from "../core/text.ts";
import {
  ZENDESK_LIMITS,
  ZENDESK_PRIORITIES,
  type ZendeskTicketChange,
  type ZendeskTicketEvent,
} from "../core/zendeskTicket.ts";

// https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events — the event-subscription ticket
// events: `type`, `id`, `time`, `zendesk_event_version`, `detail` (the ticket) and `event` (what changed).
// Ids arrive as strings in the published examples ("5158"); integers are taken too, as the schema table types them.
const numericId = z
  .union([z.string().regex(/^\d{1,20}$/, "must be a numeric id"), z.number().int().nonnegative()])
  .transform((id) => String(id));
const ticketId = numericId.refine(
  (id) => id.length <= ZENDESK_LIMITS.ticketIdDigits,
  `must be a ticket id of at most ${ZENDESK_LIMITS.ticketIdDigits} digits`,
);
const isoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/, "must be an ISO 8601 time");
const tag = z.string().min(1).max(ZENDESK_LIMITS.tagMax);
const tags = z.array(tag).max(ZENDESK_LIMITS.tagsMax);
// The examples spell priorities in capitals ("LOW"), the Support API in lower case: both name the same four.
const priority = z
  .string()
  .transform((p) => p.toLowerCase())
  .pipe(z.enum(ZENDESK_PRIORITIES, { message: "must be low, normal, high or urgent" }));
const shortText = z.string().max(64);

const ticketDetail = z.object({
  id: ticketId,
  subject: z.string().max(65_536).nullish(),
  description: z.string().max(65_536).nullish(),
  priority: priority.nullish(),
  status: shortText.nullish(),
  tags: tags.nullish(),
  requester_id: numericId.nullish(),
  external_id: z.string().max(255).nullish(),
});

const fromTo = z.object({ current: shortText.nullish(), previous: shortText.nullish() });
const EVENT_OF_TYPE = {
  "zen:event-type:ticket.created": z.object({}),
  "zen:event-type:ticket.comment_added": z.object({
    comment: z.object({
      id: numericId.nullish(),
      body: z.string().max(65_536).nullish(),
      is_public: z.boolean().nullish(),
      author: z.object({ is_staff: z.boolean().nullish() }).nullish(),
    }),
  }),
  "zen:event-type:ticket.tags_changed": z.object({ tags_added: tags.nullish(), tags_removed: tags.nullish() }),
  "zen:event-type:ticket.priority_changed": fromTo,
  "zen:event-type:ticket.status_changed": fromTo,
} as const;
export type HandledEventType = keyof typeof EVENT_OF_TYPE;
export const HANDLED_EVENT_TYPES = Object.keys(EVENT_OF_TYPE) as HandledEventType[];

const envelope = z.object({
  type: z.string().regex(/^zen:event-type:ticket\.[a-z_]+$/, "must be a Zendesk ticket event type"),
  id: z.string().min(1).max(128),
  time: isoTime,
  zendesk_event_version: z.string().min(1).max(32),
  detail: ticketDetail,
  event: z.record(z.string(), z.unknown()).default({}),
});

export type ParsedWebhook =
  | { kind: "event"; event: ZendeskTicketEvent }
  /** A ticket event the desk does not act on (brand changed, …): answered 200 so Zendesk keeps the webhook on. */
  | { kind: "not_handled"; ticketId: string; eventType: string }
  | { kind: "invalid"; reason: string; ticketId: string | null };

function reasonOf(error: z.ZodError, prefix = ""): string {
  const issue = error.issues[0];
  // Field path and rule only: zod's messages name the expected shape, never the value received.
  return `${prefix}${issue?.path.join(".") || "payload"}: ${issue?.message ?? "invalid"}`;
}

function changeOf(type: HandledEventType, event: unknown): z.ZodSafeParseResult<ZendeskTicketChange> {
  switch (type) {
    case "zen:event-type:ticket.created":
      return EVENT_OF_TYPE[type].transform((): ZendeskTicketChange => ({ type: "created" })).safeParse(event);
    case "zen:event-type:ticket.comment_added":
      return EVENT_OF_TYPE[type]
        .transform(
          ({ comment }): ZendeskTicketChange => ({
            type: "comment_added",
            commentId: comment.id ?? null,
            isPublic: comment.is_public ?? false,
            authorIsStaff: comment.author?.is_staff ?? false,
            body: truncate(comment.body ?? "", ZENDESK_LIMITS.commentMax),
          }),
        )
        .safeParse(event);
    case "zen:event-type:ticket.tags_changed":
      return EVENT_OF_TYPE[type]
        .transform(
          (e): ZendeskTicketChange => ({
            type: "tags_changed",
            added: e.tags_added ?? [],
            removed: e.tags_removed ?? [],
          }),
        )
        .safeParse(event);
    case "zen:event-type:ticket.priority_changed":
    case "zen:event-type:ticket.status_changed": {
      const change = type === "zen:event-type:ticket.priority_changed" ? "priority_changed" : "status_changed";
      return fromTo
        .transform((e): ZendeskTicketChange => ({ type: change, from: e.previous ?? null, to: e.current ?? null }))
        .safeParse(event);
    }
  }
}

/** Parses a delivery's JSON (already parsed from text) into the event the flow takes, or says what is wrong. */
export function parseZendeskWebhook(json: unknown): ParsedWebhook {
  const parsed = envelope.safeParse(json);
  if (!parsed.success) {
    const id = (json as { detail?: { id?: unknown } } | null)?.detail?.id;
    return { kind: "invalid", reason: reasonOf(parsed.error), ticketId: ticketId.safeParse(id).data ?? null };
  }
  const { type, detail } = parsed.data;
  const handled = HANDLED_EVENT_TYPES.find((t) => t === type);
  if (!handled) return { kind: "not_handled", ticketId: detail.id, eventType: type };
  const change = changeOf(handled, parsed.data.event);
  if (!change.success) return { kind: "invalid", reason: reasonOf(change.error, "event."), ticketId: detail.id };
  return {
    kind: "event",
    event: {
      eventId: parsed.data.id,
      occurredAt: Date.parse(parsed.data.time),
      ticket: {
        id: detail.id,
        subject: detail.subject ?? "",
        description: detail.description ?? "",
        priority: detail.priority ?? null,
        status: detail.status ?? null,
        tags: (detail.tags ?? []).map((t) => t.toLowerCase()),
        requesterId: detail.requester_id ?? null,
        externalId: detail.external_id ?? null,
      },
      change: change.data,
    },
  };
}
