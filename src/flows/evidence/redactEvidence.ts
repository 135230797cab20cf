import type { CaseRow, EvidenceFileRow, EvidenceRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { command, instant, sentence, user } from "../../core/domainText.ts";
import { EVIDENCE_LIMITS, REDACTION_KIND } from "../../core/evidence.ts";
import { getCase } from "../../store/cases.ts";
import { inTransaction } from "../../store/database.ts";
import {
  filesOfEvidence,
  getEvidenceBySeq,
  insertEvidence,
  isBlobHeldByLiveEvidence,
  nextEvidenceSeq,
  redactionOf,
} from "../../store/evidence.ts";
import { deleteBlob } from "../../store/evidenceBlobs.ts";
import { recordCaseChange } from "../cases/caseChange.ts";
import { caseFromCommand } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";

export interface RedactEvidenceInput {
  userId: string;
  channelId: string;
  /** The case as typed (`TS-…`), or undefined in its war room. */
  idText: string | undefined;
  /** `E3` as typed. */
  evidenceRef: string;
  reason: string;
  /** How the redaction was asked for (the command typed), kept as the redaction entry's source. */
  source: string;
}

export interface RedactEvidenceResult {
  record: CaseRow;
  target: EvidenceRow;
  redaction: EvidenceRow;
  files: EvidenceFileRow[];
  /** Hashes whose bytes were deleted; the others are still held by a live entry. */
  bytesRemoved: string[];
}

/**
 * Records a redaction as a new entry and deletes the redacted files' bytes (keeping their hashes),
 * unless a live entry of any case holds the same bytes. The bytes go inside the transaction, last:
 * if deleting fails, nothing is recorded.
 */
export function redactEvidence(deps: FlowDeps, input: RedactEvidenceInput): RedactEvidenceResult {
  const found = caseFromCommand(deps, input, "evidence.redact");
  const seq = parseEvidenceRef(input.evidenceRef);
  const reason = input.reason.trim();
  if (!reason)
    fail("invalid_input", sentence`Say why, after the E-number: \`${command(`evidence redact E${seq} reason…`)}\`.`);
  if (reason.length > EVIDENCE_LIMITS.descriptionMax) {
    fail("invalid_input", `Keep the reason to ${EVIDENCE_LIMITS.descriptionMax} characters or fewer.`);
  }
  const at = deps.clock.now();
  const result = inTransaction(deps.db, (tx): RedactEvidenceResult => {
    const record = getCase(tx, found.id) ?? fail("not_found", "That case no longer exists.");
    const target =
      getEvidenceBySeq(tx, record.id, seq) ?? fail("not_found", `${record.humanId} has no evidence E${seq}.`);
    if (target.redactsEvidenceId !== null) {
      fail("conflict", `E${seq} is itself a redaction record; it cannot be redacted.`);
    }
    const earlier = redactionOf(tx, target.id);
    if (earlier) {
      fail(
        "conflict",
        sentence`E${seq} was already redacted (E${earlier.seq}) ${instant(earlier.addedAt)} by ${user(earlier.addedBy)}.`,
      );
    }
    const redaction = insertEvidence(tx, {
      caseId: record.id,
      seq: nextEvidenceSeq(tx, record.id),
      kind: REDACTION_KIND,
      description: reason,
      source: input.source,
      redactsEvidenceId: target.id,
      addedBy: input.userId,
      addedAt: at,
    });
    const files = filesOfEvidence(tx, [target.id]);
    const hashes = [...new Set(files.map((f) => f.sha256))];
    const bytesRemoved = hashes.filter((sha) => !isBlobHeldByLiveEvidence(tx, sha));
    const updated = recordCaseChange(tx, record, {
      actor: input.userId,
      at,
      kind: "evidence_redacted",
      payload: {
        seq: redaction.seq,
        redacts: target.seq,
        reason,
        files: files.map((f) => ({ sha256: f.sha256, size: f.size })),
        bytesRemoved,
      },
    });
    for (const sha of bytesRemoved) deleteBlob(deps.config.evidenceDir, sha);
    return { record: updated, target, redaction, files, bytesRemoved };
  });
  deps.log.info(
    { caseId: result.record.humanId, evidence: result.target.seq, bytesRemoved: result.bytesRemoved.length },
    "evidence redacted",
  );
  deps.wakeScheduler();
  return result;
}

function parseEvidenceRef(text: string): number {
  const match = /^E(\d{1,9})$/i.exec(text.trim());
  const seq = match ? Number(match[1]) : 0;
  if (seq < 1)
    fail("invalid_input", sentence`Name the entry by its E-number, like \`E3\` (see \`${command("evidence list")}\`).`);
  return seq;
}
