import type { JobRow } from "../../../db/schema.ts";
import { DomainError } from "../../core/domainError.ts";
import { addEvidence } from "../../flows/evidence/addEvidence.ts";
import { type EvidenceSubmission, findEvidenceSubmission } from "../../flows/evidence/loadEvidenceSubmission.ts";
import { recordEvidenceNotSaved } from "../../flows/evidence/recordEvidenceNotSaved.ts";
import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { fetchEvidenceFilesJob } from "../../flows/jobs/fetchEvidenceFiles.ts";
import { slackErrorCode } from "../../scheduler/slackFailure.ts";
import { RetryableDownloadError } from "../files/downloadSlackFile.ts";
import { downloadSlackFiles } from "../files/downloadSlackFiles.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildEvidenceSubmission, evidenceSubmissionText } from "../views/evidenceFormResults.ts";
import { postToEach } from "./postMessages.ts";

// views.update answers not_found for a modal the user closed (docs.slack.dev/reference/methods/views.update).
const VIEW_GONE = new Set(["not_found", "view_not_found"]);

/**
 * Fetches a submitted form's files and records the entry, or records which file failed and why: a file
 * refused for good at once, one Slack or its host failed to serve on the job's last attempt (earlier
 * attempts throw, and the runner retries). A retry after the entry was recorded only tells the submitter.
 */
export async function fetchEvidenceFiles(
  deps: SlackDeps,
  { caseId, viewId }: PayloadOf<typeof fetchEvidenceFilesJob>,
  job: JobRow,
): Promise<void> {
  const submission = findEvidenceSubmission(deps.db, caseId, viewId);
  const outcome = "saving" in submission.state ? await fetchAndRecord(deps, submission, viewId, job) : submission;
  await tellSubmitter(deps, viewId, outcome);
}

async function fetchAndRecord(
  deps: SlackDeps,
  submission: EvidenceSubmission,
  viewId: string,
  job: JobRow,
): Promise<EvidenceSubmission> {
  const { record, userId, draft } = submission;
  try {
    const files = await downloadSlackFiles(deps, draft.files);
    const form = { caseId: record.id, userId, viewId, record, draft, form: draft, recorded: undefined };
    return { ...submission, state: { recorded: addEvidence(deps, form, files) } };
  } catch (error) {
    const lastAttempt = job.attempts >= job.maxAttempts;
    const recordable = error instanceof DomainError || (error instanceof RetryableDownloadError && lastAttempt);
    if (!recordable) throw error;
    return recordEvidenceNotSaved(deps, { caseId: record.id, viewId, reason: error.message });
  }
}

/** Puts the result in the submitter's modal; once they closed it, a DM says it (their form, their files). */
async function tellSubmitter(deps: SlackDeps, viewId: string, outcome: EvidenceSubmission): Promise<void> {
  try {
    await deps.slack.views.update({ view_id: viewId, view: buildEvidenceSubmission(outcome) });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === undefined || !VIEW_GONE.has(code)) throw error;
    deps.log.info({ caseId: outcome.record.humanId, code }, "evidence form closed; telling the submitter by DM");
    await postToEach(deps, [outcome.userId], { text: evidenceSubmissionText(outcome) });
  }
}
