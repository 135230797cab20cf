import type { CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import type { FlowDeps } from "../deps.ts";
import { FETCH_EVIDENCE_ATTEMPTS, fetchEvidenceFilesJob } from "../jobs/fetchEvidenceFiles.ts";
import type { CheckedEvidenceForm } from "./checkEvidenceForm.ts";
import { type EvidenceSubmission, loadEvidenceSubmission } from "./loadEvidenceSubmission.ts";

/**
 * Records a checked form that has files as submitted, on the timeline, and queues the job that fetches
 * them: the modal is answered before any download. A second submission of the same view returns the first.
 */
export function submitEvidenceFiles(deps: FlowDeps, form: CheckedEvidenceForm): EvidenceSubmission {
  const submission = inTransaction(deps.db, (tx): EvidenceSubmission => {
    const current: CaseRow = getCase(tx, form.record.id) ?? fail("not_found", "That case no longer exists.");
    const earlier = loadEvidenceSubmission(tx, current, form.viewId);
    if (earlier) return earlier;
    const at = deps.clock.now();
    const { kind, description, source, link, files } = form.draft;
    const record = recordCaseChange(tx, current, {
      actor: form.userId,
      at,
      kind: "evidence_submitted",
      payload: { viewId: form.viewId, kind, description, source, link, fileIds: files },
    });
    fetchEvidenceFilesJob.enqueue(
      tx,
      {
        payload: { caseId: record.id, viewId: form.viewId },
        caseId: record.id,
        runAt: at,
        maxAttempts: FETCH_EVIDENCE_ATTEMPTS,
      },
      at,
    );
    return { record, userId: form.userId, draft: form.draft, state: { saving: true } };
  });
  deps.wakeScheduler();
  return submission;
}
