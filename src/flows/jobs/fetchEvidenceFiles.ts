import { z } from "zod";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "evidence.fetch_files";

/** One job per submitted evidence form (its view id): fetches the files, then records the entry or why not. */
export const fetchEvidenceFilesJob = defineJob({
  kind,
  payload: z.object({ caseId: rowId, viewId: z.string().min(1) }),
  key: ({ caseId, viewId }) => `${kind}:${caseId}:${viewId}`,
});
