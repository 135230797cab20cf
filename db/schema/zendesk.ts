import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ZendeskMapping } from "../../src/core/zendeskMapping.ts";
import { cases } from "./cases.ts";
import { rowId } from "./columns.ts";

const ZENDESK_TICKET_OUTCOMES = ["case", "ignored"] as const;
const ZENDESK_DELIVERY_OUTCOMES = ["case_opened", "appended", "already_open", "ignored"] as const;

/**
 * Each Zendesk ticket the desk has heard of: the one case it opened (unique, so two racing deliveries of a new
 * ticket cannot open two), or why it was ignored, which leads see in `/incident zendesk`.
 */
export const zendeskTickets = sqliteTable(
  "zendesk_tickets",
  {
    ticketId: text("ticket_id").primaryKey(),
    caseId: integer("case_id")
      .references(() => cases.id)
      .unique(),
    outcome: text("outcome", { enum: ZENDESK_TICKET_OUTCOMES }).notNull(),
    /** Why an ignored ticket opened no case (`unmapped`, `no_category`); null once it has a case. */
    ignoredReason: text("ignored_reason"),
    /** The mapping version that decided the outcome (0: none saved yet). */
    mappingVersion: integer("mapping_version").notNull(),
    firstSeenAt: integer("first_seen_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("zendesk_tickets_outcome_updated").on(t.outcome, t.updatedAt)],
);
export type ZendeskTicketRow = typeof zendeskTickets.$inferSelect;

/** Webhook event ids already handled: a redelivery or a replay of one changes nothing. */
export const zendeskDeliveries = sqliteTable("zendesk_deliveries", {
  eventId: text("event_id").primaryKey(),
  ticketId: text("ticket_id").notNull(),
  eventType: text("event_type").notNull(),
  outcome: text("outcome", { enum: ZENDESK_DELIVERY_OUTCOMES }).notNull(),
  receivedAt: integer("received_at").notNull(),
});
export type ZendeskDeliveryOutcome = (typeof ZENDESK_DELIVERY_OUTCOMES)[number];

/** Every saved version of the ticket → case mapping, append-only; the highest version is in force. */
export const zendeskMappings = sqliteTable("zendesk_mappings", {
  id: rowId(),
  version: integer("version").notNull().unique(),
  mapping: text("mapping", { mode: "json" }).$type<ZendeskMapping>().notNull(),
  savedBy: text("saved_by").notNull(),
  savedAt: integer("saved_at").notNull(),
});
export type ZendeskMappingRow = typeof zendeskMappings.$inferSelect;
