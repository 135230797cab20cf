import type { ZendeskDeliveryOutcome } from "../../../db/schema.ts";
import { mapZendeskTicket, NO_ZENDESK_MAPPING } from "../../core/zendeskMapping.ts";
import type { ZendeskTicketChange, ZendeskTicketEvent } from "../../core/zendeskTicket.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { appendEvent } from "../../store/events.ts";
import {
  currentZendeskMapping,
  deliveryWasHandled,
  linkTicketToCase,
  recordDelivery,
  recordIgnoredTicket,
  zendeskTicketLink,
} from "../../store/zendesk.ts";
import { recordNewCase } from "../cases/openCase.ts";
import type { FlowDeps } from "../deps.ts";

export type ZendeskEventOutcome =
  | { outcome: "duplicate" }
  | { outcome: Exclude<ZendeskDeliveryOutcome, "ignored">; caseId: string }
  | { outcome: "ignored"; reason: string };

/** The change as the timeline keeps it: flat fields, so retention can redact the comment and ticket id. */
function changeFields(change: ZendeskTicketChange) {
  switch (change.type) {
    case "created":
      return {};
    case "comment_added":
      return { comment: change.body, commentIsPublic: change.isPublic, authorIsStaff: change.authorIsStaff };
    case "tags_changed":
      return { tagsAdded: change.added, tagsRemoved: change.removed };
    case "priority_changed":
    case "status_changed":
      return { from: change.from, to: change.to };
  }
}

/**
 * One webhook delivery, in one transaction: a delivery already handled changes nothing; a ticket with a case adds
 * to that case's timeline; any other ticket goes through the lead's mapping and opens a case as intake does, or is
 * recorded as ignored (a later event may still map it, say when an agent adds a mapped tag).
 */
export function receiveZendeskEvent(deps: FlowDeps, event: ZendeskTicketEvent): ZendeskEventOutcome {
  const now = deps.clock.now();
  const { ticket, change } = event;
  const result = inTransaction(deps.db, (tx): ZendeskEventOutcome & { opened?: boolean } => {
    if (deliveryWasHandled(tx, event.eventId)) return { outcome: "duplicate" };
    const record = (outcome: ZendeskDeliveryOutcome) =>
      recordDelivery(tx, {
        eventId: event.eventId,
        ticketId: ticket.id,
        eventType: change.type,
        outcome,
        receivedAt: now,
      });

    const link = zendeskTicketLink(tx, ticket.id);
    const linkedCase = link?.caseId ? getCase(tx, link.caseId) : undefined;
    if (linkedCase) {
      // A second "created" (Zendesk sent it twice under two ids) repeats what the case already says.
      if (change.type === "created") {
        record("already_open");
        return { outcome: "already_open", caseId: linkedCase.humanId };
      }
      appendEvent(tx, {
        caseId: linkedCase.id,
        at: now,
        actor: deps.botUserId,
        kind: "zendesk_ticket_updated",
        payload: { eventId: event.eventId, ticketId: ticket.id, change: change.type, ...changeFields(change) },
      });
      record("appended");
      return { outcome: "appended", caseId: linkedCase.humanId };
    }

    const saved = currentZendeskMapping(tx);
    const mappingVersion = saved?.version ?? 0;
    const mapped = mapZendeskTicket(saved?.mapping ?? NO_ZENDESK_MAPPING, ticket);
    if (mapped.kind === "ignored") {
      const reason = saved ? mapped.reason : "no_mapping";
      recordIgnoredTicket(tx, { ticketId: ticket.id, reason, mappingVersion, at: now });
      record("ignored");
      return { outcome: "ignored", reason };
    }
    // The bot opens it: never invited, paged or sent a DM as the case's opener would be.
    const opened = recordNewCase(tx, deps, { draft: mapped.draft, createdBy: deps.botUserId, intakeViewId: null }, now);
    linkTicketToCase(tx, { ticketId: ticket.id, caseId: opened.id, mappingVersion, at: now });
    record("case_opened");
    return { outcome: "case_opened", caseId: opened.humanId, opened: true };
  });
  const { opened, ...outcome } = result;
  if (opened) deps.wakeScheduler();
  return outcome;
}
