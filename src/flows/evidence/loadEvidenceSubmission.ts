import type { CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import type { EvidenceDraft } from "../../core/evidence.ts";
import type { TimelinePayloads } from "../../core/timelineEvents.ts";
import { getCase } from "../../store/cases.ts";
import type { Executor } from "../../store/database.ts";
import { eventWithPayloadField } from "../../store/events.ts";
import type { AddEvidenceResult } from "./addEvidence.ts";
import { loadEvidenceAddedByView } from "./loadEvidenceAddedByView.ts";

/** A submitted form with files: still saving, recorded as an entry, or not saved (and why). */
export interface EvidenceSubmission {
  record: CaseRow;
  /** Who submitted it. */
  userId: string;
  draft: EvidenceDraft;
  state: { saving: true } | { recorded: AddEvidenceResult } | { notSaved: string };
}

/** What became of the form with this view id, if it was submitted with files. */
export function loadEvidenceSubmission(tx: Executor, record: CaseRow, viewId: string): EvidenceSubmission | undefined {
  const submitted = eventWithPayloadField(tx, {
    caseId: record.id,
    kind: "evidence_submitted",
    field: "viewId",
    value: viewId,
  });
  if (!submitted) return undefined;
  const { kind, description, source, link, fileIds } = JSON.parse(
    submitted.payload,
  ) as TimelinePayloads["evidence_submitted"];
  const base = { record, userId: submitted.actor, draft: { kind, description, source, link, files: fileIds } };
  const recorded = loadEvidenceAddedByView(tx, record, viewId);
  if (recorded) return { ...base, state: { recorded } };
  const notSaved = eventWithPayloadField(tx, {
    caseId: record.id,
    kind: "evidence_not_saved",
    field: "viewId",
    value: viewId,
  });
  if (notSaved)
    return {
      ...base,
      state: { notSaved: (JSON.parse(notSaved.payload) as TimelinePayloads["evidence_not_saved"]).reason },
    };
  return { ...base, state: { saving: true } };
}

/** The submission a fetch job works on, by its case row id and view id. */
export function findEvidenceSubmission(tx: Executor, caseId: number, viewId: string): EvidenceSubmission {
  const record = getCase(tx, caseId) ?? fail("not_found", "That case no longer exists.");
  return loadEvidenceSubmission(tx, record, viewId) ?? fail("not_found", "No evidence form was submitted there.");
}
