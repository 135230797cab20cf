import { DomainError, fail } from "../../core/domainError.ts";
import type { StoredEvidenceFile } from "../../flows/evidence/addEvidence.ts";
import { discardUnheldBlobs } from "../../flows/evidence/discardUnheldBlobs.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { downloadSlackFile } from "./downloadSlackFile.ts";

/** Every file, in parallel; if one fails, the ones that did arrive are removed again and the errors reported. */
export async function downloadSlackFiles(deps: SlackDeps, fileIds: readonly string[]): Promise<StoredEvidenceFile[]> {
  const settled = await Promise.allSettled(fileIds.map((id) => downloadSlackFile(deps, id)));
  const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
  const arrived = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  if (failures.length === 0) return arrived;
  discardUnheldBlobs(deps, arrived);
  const unexpected = failures.find((f) => !(f instanceof DomainError));
  if (unexpected) throw unexpected;
  const messages = [...new Set(failures.flatMap((f) => (f instanceof DomainError ? [f.message] : [])))];
  return fail("invalid_input", messages.join(" "), { field: "files" });
}
