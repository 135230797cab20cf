import type { FlowDeps } from "../flows/deps.ts";
import type { addZendeskNoteJob } from "../flows/jobs/addZendeskNote.ts";
import type { PayloadOf } from "../flows/jobs/defineJob.ts";
import { loadZendeskNote, type ZendeskNoteFacts } from "../flows/zendesk/loadZendeskNote.ts";
import type { PaceBudget } from "../scheduler/pacing.ts";
import { ClassifiedFailure, type FailureClass, rateLimitedFor } from "../scheduler/slackFailure.ts";
import { addInternalNote, ZendeskApiError } from "./client.ts";

/**
 * developer.zendesk.com/api-reference/introduction/rate-limits: Update Ticket allows 100 requests a minute per
 * account, and agents' own updates in Zendesk count against it too; the bot takes under a third of it.
 */
export const ZENDESK_TICKET_UPDATES: PaceBudget = { key: "zendesk:tickets.update", limit: 30, windowMs: 60_000 };

/** The note's plain text (Zendesk comment `body`): ids, labels and policy grounds, never a party or free text. */
export function zendeskNoteText(facts: ZendeskNoteFacts): string {
  const lines = [`Incident Desk case ${facts.humanId} · ${facts.severity} · ${facts.category} · ${facts.status}`];
  switch (facts.about.occasion) {
    case "opened":
      lines.push("A Trust & Safety case was opened for this ticket. The team works it in Slack.");
      break;
    case "decision":
      lines.push(`Decision ${facts.about.puid} recorded: ${facts.about.rung}.`);
      if (facts.about.grounds.length > 0)
        lines.push(`Community Guidelines grounds: ${facts.about.grounds.join("; ")}.`);
      break;
    case "closed":
      lines.push(`The case was closed. Outcome: ${facts.about.outcome}.`);
      break;
  }
  lines.push("Internal note: do not copy it into a reply to the requester.");
  return lines.join("\n");
}

// 401/403: the token or its agent cannot update tickets; 404: no such ticket; 400/422: Zendesk refused the note.
// None heals by retrying; a 5xx, a timeout or a dropped connection may.
function failureOf(error: ZendeskApiError): FailureClass {
  if (error.status === 429) return rateLimitedFor(error.retryAfterSeconds ?? 1, "Zendesk");
  if (error.status >= 500) return { kind: "transient", detail: error.message };
  return { kind: "permanent", code: `zendesk_${error.status}`, detail: error.message };
}

/** Job: the internal note on the case's Zendesk ticket for one case event. */
export async function addZendeskNote(deps: FlowDeps, payload: PayloadOf<typeof addZendeskNoteJob>): Promise<void> {
  const api = deps.config.zendesk;
  const facts = loadZendeskNote(deps, payload);
  // Zendesk switched off since the job was queued, or the ticket redacted: nothing to add it to.
  if (!api || !facts) {
    deps.log.warn(
      { caseRowId: payload.caseId, occasion: payload.occasion, configured: Boolean(api) },
      "Zendesk note skipped",
    );
    return;
  }
  try {
    await addInternalNote(api, facts.ticket, zendeskNoteText(facts));
  } catch (error) {
    if (error instanceof ZendeskApiError) throw new ClassifiedFailure(failureOf(error));
    throw error;
  }
  deps.log.info({ caseId: facts.humanId, occasion: payload.occasion }, "Zendesk note added");
}
