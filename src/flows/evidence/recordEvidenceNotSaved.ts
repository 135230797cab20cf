import { fail } from "../../core/domainError.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import type { FlowDeps } from "../deps.ts";
import { type EvidenceSubmission, loadEvidenceSubmission } from "./loadEvidenceSubmission.ts";

/** Records on the timeline that a submitted form's files could not be fetched, once, naming the file and why. */
export function recordEvidenceNotSaved(
  deps: FlowDeps,
  input: { caseId: number; viewId: string; reason: string },
): EvidenceSubmission {
  return inTransaction(deps.db, (tx): EvidenceSubmission => {
    const current = getCase(tx, input.caseId) ?? fail("not_found", "That case no longer exists.");
    const submission =
      loadEvidenceSubmission(tx, current, input.viewId) ?? fail("not_found", "No evidence form was submitted there.");
    if (!("saving" in submission.state)) return submission;
    const record = recordCaseChange(tx, current, {
      actor: submission.userId,
      at: deps.clock.now(),
      kind: "evidence_not_saved",
      payload: { viewId: input.viewId, reason: input.reason },
    });
    deps.log.warn({ caseId: record.humanId }, "evidence files not saved");
    return { ...submission, record, state: { notSaved: input.reason } };
  });
}
