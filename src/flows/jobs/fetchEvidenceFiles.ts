import { z } from "zod";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "evidence.fetch_files";

/** The submitter watches the modal: five tries (1 + 2 + 4 + 8 s of backoff), then the failure is recorded. */
export const FETCH_EVIDENCE_ATTEMPTS = 5;

/** One job per submitted evidence form (its view id): fetches the files, then records the entry or why not. */
export const fetchEvidenceFilesJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId, viewId: z.string().min(1) }),
  key: ({ caseId, viewId }) => `${kind}:${caseId}:${viewId}`,
});
