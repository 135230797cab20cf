import { type StoredBlob, storeBlob } from "../../store/evidenceBlobs.ts";
import type { FlowDeps } from "../deps.ts";

/** Stores uploaded bytes by SHA-256 under the evidence folder, whichever surface received them. */
export function storeEvidenceBlob(deps: FlowDeps, chunks: AsyncIterable<Uint8Array>): Promise<StoredBlob> {
  return storeBlob(deps.config.evidenceDir, chunks);
}
