import type { CaseRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { evidenceSeqAddedByView, filesOfEvidence, getEvidenceBySeq } from "../../store/evidence.ts";
import type { AddEvidenceResult } from "./addEvidence.ts";

/** The entry a form (by its view id) already recorded on the case: a second submission returns it. */
export function loadEvidenceAddedByView(tx: Executor, record: CaseRow, viewId: string): AddEvidenceResult | undefined {
  const seq = evidenceSeqAddedByView(tx, record.id, viewId);
  const entry = seq === undefined ? undefined : getEvidenceBySeq(tx, record.id, seq);
  return entry && { record, entry, files: filesOfEvidence(tx, [entry.id]), created: false };
}
