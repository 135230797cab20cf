import type { CaseRow, EvidenceFileRow, EvidenceRow } from "../../../db/schema.ts";
import { DomainError, fail } from "../../core/domainError.ts";
import { type EvidenceFormRaw, validateEvidenceForm } from "../../core/evidence.ts";
import { getCase } from "../../store/cases.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import {
  evidenceSeqAddedByView,
  filesOfEvidence,
  getEvidenceBySeq,
  insertEvidence,
  insertEvidenceFiles,
  isBlobHeldByLiveEvidence,
  nextEvidenceSeq,
} from "../../store/evidence.ts";
import { blobExists, deleteBlob } from "../../store/evidenceBlobs.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import { caseFromModal } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";
import { type DownloadedFile, downloadSlackFile } from "./downloadSlackFile.ts";

export interface AddEvidenceInput {
  caseId: number;
  userId: string;
  /** The modal's view id: a second submission of the same view returns the first entry. */
  viewId: string;
  form: EvidenceFormRaw;
}

export interface AddEvidenceResult {
  record: CaseRow;
  entry: EvidenceRow;
  files: EvidenceFileRow[];
  created: boolean;
}

/**
 * Downloads and stores the form's files first (outside any transaction: it is network work), then
 * records the entry, its files and one timeline event in one transaction. Nothing is recorded when a
 * file fails, and bytes this attempt wrote that nothing holds are removed again.
 */
export async function addEvidence(deps: FlowDeps, input: AddEvidenceInput): Promise<AddEvidenceResult> {
  const record = caseFromModal(deps, input.userId, input.caseId, "evidence.add");
  const draft = validateEvidenceForm(input.form);
  const earlier = recordedFromView(deps.db, record, input.viewId);
  if (earlier) return earlier;

  const files = await downloadAll(deps, draft.files);
  let result: AddEvidenceResult;
  try {
    result = inTransaction(deps.db, (tx): AddEvidenceResult => {
      const current = getCase(tx, record.id) ?? fail("not_found", "That case no longer exists.");
      const again = recordedFromView(tx, current, input.viewId);
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
        addedBy: input.userId,
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
          uploadedBy: input.userId,
        })),
      );
      const updated = recordCaseChange(tx, current, {
        actor: input.userId,
        at,
        kind: "evidence_added",
        payload: {
          viewId: input.viewId,
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
    removeUnheld(deps, files);
    throw error;
  }
  if (result.created) {
    deps.log.info({ caseId: result.record.humanId, evidence: result.entry.seq, files: files.length }, "evidence added");
    deps.wakeScheduler();
  }
  return result;
}

function recordedFromView(tx: Executor, record: CaseRow, viewId: string): AddEvidenceResult | undefined {
  const seq = evidenceSeqAddedByView(tx, record.id, viewId);
  const entry = seq === undefined ? undefined : getEvidenceBySeq(tx, record.id, seq);
  return entry && { record, entry, files: filesOfEvidence(tx, [entry.id]), created: false };
}

/** Every file, in parallel; if one fails, the ones that did arrive are removed again and the errors reported. */
async function downloadAll(deps: FlowDeps, fileIds: string[]): Promise<DownloadedFile[]> {
  const settled = await Promise.allSettled(fileIds.map((id) => downloadSlackFile(deps, id)));
  const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
  if (failures.length === 0) return settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  removeUnheld(
    deps,
    settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : [])),
  );
  const unexpected = failures.find((f) => !(f instanceof DomainError));
  if (unexpected) throw unexpected;
  const messages = [...new Set(failures.map((f) => (f as DomainError).message))];
  return fail("invalid_input", messages.join(" "), { field: "files" });
}

function removeUnheld(deps: FlowDeps, files: DownloadedFile[]): void {
  for (const file of files) {
    if (file.created && !isBlobHeldByLiveEvidence(deps.db, file.sha256))
      deleteBlob(deps.config.evidenceDir, file.sha256);
  }
}
