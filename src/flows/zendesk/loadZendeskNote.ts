import { CLOSE_OUTCOMES, isCloseOutcome } from "../../core/caseClose.ts";
import { categoryById, policyClauseTitle } from "../../core/categories.ts";
import { fail } from "../../core/domainError.ts";
import { statusLabel } from "../../core/lifecycle.ts";
import { SANCTION_RUNGS } from "../../core/sanctions.ts";
import { severityPolicy } from "../../core/severity.ts";
import { eventBySeq } from "../../store/caseClose.ts";
import { timelinePayload } from "../../store/events.ts";
import { getDecision, getProposal } from "../../store/sanctions.ts";
import { CLOSED_EVENT } from "../cases/closeCase.ts";
import { loadJobCase } from "../cases/loadJobCase.ts";
import type { FlowDeps } from "../deps.ts";
import type { ZendeskNoteOccasion } from "../jobs/addZendeskNote.ts";

/**
 * What an internal note may say: ids, labels and policy grounds only. The ticket already holds the requester's
 * words, and its audience is wider than the case team, so no party, description or free text goes into it.
 */
export interface ZendeskNoteFacts {
  ticket: string;
  humanId: string;
  severity: string;
  category: string;
  status: string;
  about:
    | { occasion: "opened" }
    | { occasion: "decision"; puid: string; rung: string; grounds: string[] }
    | { occasion: "closed"; outcome: string };
}

/** The facts of a queued note; undefined when the case no longer names a ticket (redacted after its retention). */
export function loadZendeskNote(deps: FlowDeps, note: ZendeskNoteOccasion): ZendeskNoteFacts | undefined {
  const record = loadJobCase(deps.db, note);
  if (!record.zendeskTicket) return undefined;
  return {
    ticket: record.zendeskTicket,
    humanId: record.humanId,
    severity: severityPolicy(record.severity).label,
    category: categoryById(record.category)?.label ?? record.category,
    status: statusLabel(record.status),
    about: aboutOf(deps, note),
  };
}

function aboutOf(deps: FlowDeps, note: ZendeskNoteOccasion): ZendeskNoteFacts["about"] {
  switch (note.occasion) {
    case "opened":
      return { occasion: "opened" };
    case "decision": {
      const decision =
        getDecision(deps.db, note.decisionId) ?? fail("not_found", `decision ${note.decisionId} does not exist`);
      const clauses = getProposal(deps.db, decision.proposalId)?.clauses ?? [];
      const grounds = clauses.map((id) => `${id} ${policyClauseTitle(id) ?? ""}`.trim());
      return { occasion: "decision", puid: decision.puid, rung: SANCTION_RUNGS[decision.rung].label, grounds };
    }
    case "closed": {
      const closed = eventBySeq(deps.db, note.caseId, note.closeSeq);
      const outcome = closed?.kind === CLOSED_EVENT ? timelinePayload(CLOSED_EVENT, closed.payload).outcome : undefined;
      if (typeof outcome !== "string" || !isCloseOutcome(outcome)) {
        fail("not_found", `case ${note.caseId} has no close at #${note.closeSeq}`);
      }
      return { occasion: "closed", outcome: CLOSE_OUTCOMES[outcome] };
    }
  }
}
