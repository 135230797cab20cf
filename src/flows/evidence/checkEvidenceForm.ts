import type { CaseRow } from "../../../db/schema.ts";
import { type EvidenceDraft, type EvidenceFormRaw, validateEvidenceForm } from "../../core/evidence.ts";
import { caseFromModal } from "../cases/caseForAction.ts";
import type { FlowDeps } from "../deps.ts";
import type { AddEvidenceResult } from "./addEvidence.ts";
import { loadEvidenceAddedByView } from "./loadEvidenceAddedByView.ts";

export interface EvidenceFormInput {
  caseId: number;
  userId: string;
  /** The modal's view id: a second submission of the same view returns the first entry. */
  viewId: string;
  form: EvidenceFormRaw;
}

export interface CheckedEvidenceForm extends EvidenceFormInput {
  record: CaseRow;
  draft: EvidenceDraft;
  /** What this form recorded before, when it was submitted already. */
  recorded: AddEvidenceResult | undefined;
}

/** Everything checked before the form's files are fetched: permission, fields, and an earlier submission. */
export function checkEvidenceForm(deps: FlowDeps, input: EvidenceFormInput): CheckedEvidenceForm {
  const record = caseFromModal(deps, input.userId, input.caseId, "evidence.add");
  const draft = validateEvidenceForm(input.form);
  return { ...input, record, draft, recorded: loadEvidenceAddedByView(deps.db, record, input.viewId) };
}
