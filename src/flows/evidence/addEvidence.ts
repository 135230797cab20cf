import type { CaseRow, EvidenceFileRow, EvidenceRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import { insertEvidence, insertEvidenceFiles, nextEvidenceSeq } from "../../store/evidence.ts";
import { blobExists, type StoredBlob } from "../../store/evidenceBlobs.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import type { FlowDeps } from "../deps.ts";
import type { CheckedEvidenceForm } from "./checkEvidenceForm.ts";
import { discardUnheldBlobs } from "./discardUnheldBlobs.ts";
import { loadEvidenceAddedByView } from "./loadEvidenceAddedByView.ts";

/** A file of the form, its bytes already stored (storeEvidenceBlob), with what the upload said about it. */
export interface StoredEvidenceFile extends StoredBlob {
  name: string;
  mimeType: string;
  slackFileId: string;
}

export interface AddEvidenceResult {
  record: CaseRow;
  entry: EvidenceRow;
  files: EvidenceFileRow[];
  created: boolean;
}

/**
 * Records a checked form (checkEvidenceForm) with its files, whose bytes were fetched and stored outside any
 * transaction (network work): the entry, its files and one timeline event in one transaction. Nothing is
 * recorded when that fails, and bytes this attempt wrote that nothing holds are removed again.
 */
export function addEvidence(
  deps: FlowDeps,
  form: CheckedEvidenceForm,
  files: readonly StoredEvidenceFile[],
): AddEvidenceResult {
  if (form.recorded) return form.recorded;
  const { record, draft } = form;
  let result: AddEvidenceResult;
  try {
    result = inTransaction(deps.db, (tx): AddEvidenceResult => {
      const current = getCase(tx, record.id) ?? fail("not_found", "That case no longer exists.");
      const again = loadEvidenceAddedByView(tx, current, form.viewId);
      if (again) return again;
      for (const file of files) {
        // A redaction may have removed the same bytes while this form was downloading them.
        if (!blobExists(deps.config.evidenceDir, file.sha256)) {
          fail("conflict", `${file.name} was removed while it was being saved. Submit the form again.`, {
            field: "files",
          });
        }
      }
      const at = deps.clock.now();
      const entry = insertEvidence(tx, {
        caseId: current.id,
        seq: nextEvidenceSeq(tx, current.id),
        kind: draft.kind,
        description: draft.description,
        source: draft.source,
        link: draft.link,
        addedBy: form.userId,
        addedAt: at,
      });
      const rows = insertEvidenceFiles(
        tx,
        files.map(({ sha256, name, size, mimeType, slackFileId }) => ({
          evidenceId: entry.id,
          sha256,
          name,
          size,
          mimeType,
          slackFileId,
          uploadedBy: form.userId,
        })),
      );
      const updated = recordCaseChange(tx, current, {
        actor: form.userId,
        at,
        kind: "evidence_added",
        payload: {
          viewId: form.viewId,
          seq: entry.seq,
          kind: draft.kind,
          description: entry.description,
          source: entry.source,
          link: entry.link,
          files: rows.map((f) => ({ name: f.name, sha256: f.sha256, size: f.size, mimeType: f.mimeType })),
        },
      });
      return { record: updated, entry, files: rows, created: true };
    });
  } catch (error) {
    discardUnheldBlobs(deps, files);
    throw error;
  }
  if (result.created) {
    deps.log.info({ caseId: result.record.humanId, evidence: result.entry.seq, files: files.length }, "evidence added");
    deps.wakeScheduler();
  }
  return result;
}
