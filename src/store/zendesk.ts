import { desc, eq } from "drizzle-orm";
import {
  type ZendeskDeliveryOutcome,
  type ZendeskMappingRow,
  type ZendeskTicketRow,
  zendeskDeliveries,
  zendeskMappings,
  zendeskTickets,
} from "../../db/schema.ts";
import type { ZendeskMapping } from "../core/zendeskMapping.ts";
import type { Executor } from "./database.ts";

export function deliveryWasHandled(tx: Executor, eventId: string): boolean {
  return (
    tx
      .select({ id: zendeskDeliveries.eventId })
      .from(zendeskDeliveries)
      .where(eq(zendeskDeliveries.eventId, eventId))
      .get() !== undefined
  );
}

export function recordDelivery(
  tx: Executor,
  delivery: {
    eventId: string;
    ticketId: string;
    eventType: string;
    outcome: ZendeskDeliveryOutcome;
    receivedAt: number;
  },
): void {
  tx.insert(zendeskDeliveries).values(delivery).run();
}

export function zendeskTicketLink(tx: Executor, ticketId: string): ZendeskTicketRow | undefined {
  return tx.select().from(zendeskTickets).where(eq(zendeskTickets.ticketId, ticketId)).get();
}

/** Links the ticket to its case; the primary key and the unique case id refuse a second link. */
export function linkTicketToCase(
  tx: Executor,
  link: { ticketId: string; caseId: number; mappingVersion: number; at: number },
): void {
  const values = {
    caseId: link.caseId,
    outcome: "case" as const,
    ignoredReason: null,
    mappingVersion: link.mappingVersion,
    updatedAt: link.at,
  };
  tx.insert(zendeskTickets)
    .values({ ticketId: link.ticketId, firstSeenAt: link.at, ...values })
    // Only an ignored ticket may gain a case later; a linked one keeps its case (the WHERE leaves it untouched).
    .onConflictDoUpdate({ target: zendeskTickets.ticketId, set: values, where: eq(zendeskTickets.outcome, "ignored") })
    .run();
}

export function recordIgnoredTicket(
  tx: Executor,
  ignored: { ticketId: string; reason: string; mappingVersion: number; at: number },
): void {
  const values = {
    outcome: "ignored" as const,
    ignoredReason: ignored.reason,
    mappingVersion: ignored.mappingVersion,
    updatedAt: ignored.at,
  };
  tx.insert(zendeskTickets)
    .values({ ticketId: ignored.ticketId, caseId: null, firstSeenAt: ignored.at, ...values })
    .onConflictDoUpdate({ target: zendeskTickets.ticketId, set: values, where: eq(zendeskTickets.outcome, "ignored") })
    .run();
}

export function recentIgnoredTickets(tx: Executor, limit: number): ZendeskTicketRow[] {
  return tx
    .select()
    .from(zendeskTickets)
    .where(eq(zendeskTickets.outcome, "ignored"))
    .orderBy(desc(zendeskTickets.updatedAt))
    .limit(limit)
    .all();
}

export function currentZendeskMapping(tx: Executor): ZendeskMappingRow | undefined {
  return tx.select().from(zendeskMappings).orderBy(desc(zendeskMappings.version)).limit(1).get();
}

/** Saves the next version; the unique version refuses a save that raced another. */
export function insertZendeskMapping(
  tx: Executor,
  row: { version: number; mapping: ZendeskMapping; savedBy: string; savedAt: number },
): ZendeskMappingRow {
  return tx.insert(zendeskMappings).values(row).returning().get();
}

/**
 * Retention: the ticket id leads back to the requester in Zendesk, so the case's link and deliveries keep only a
 * per-case marker (the link row stays unique, the event ids still stop a late redelivery). Returns the rows changed.
 */
export function redactZendeskTicketIds(tx: Executor, caseId: number): { links: number; deliveries: number } {
  const link = tx.select().from(zendeskTickets).where(eq(zendeskTickets.caseId, caseId)).get();
  if (!link) return { links: 0, deliveries: 0 };
  const marker = `redacted:case-${caseId}`;
  const deliveries = tx
    .update(zendeskDeliveries)
    .set({ ticketId: marker })
    .where(eq(zendeskDeliveries.ticketId, link.ticketId))
    .run();
  tx.update(zendeskTickets).set({ ticketId: marker }).where(eq(zendeskTickets.caseId, caseId)).run();
  return { links: 1, deliveries: deliveries.changes };
}
