import { isBlobHeldByLiveEvidence } from "../../store/evidence.ts";
import { deleteBlob, type StoredBlob } from "../../store/evidenceBlobs.ts";
import type { FlowDeps } from "../deps.ts";

/** Removes bytes an attempt wrote that no evidence holds, after that attempt recorded nothing. */
export function discardUnheldBlobs(deps: FlowDeps, blobs: readonly StoredBlob[]): void {
  for (const blob of blobs) {
    if (blob.created && !isBlobHeldByLiveEvidence(deps.db, blob.sha256))
      deleteBlob(deps.config.evidenceDir, blob.sha256);
  }
}
