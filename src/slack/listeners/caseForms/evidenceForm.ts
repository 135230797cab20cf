import { z } from "zod";
import { addEvidence } from "../../../flows/evidence/addEvidence.ts";
import { checkEvidenceForm } from "../../../flows/evidence/checkEvidenceForm.ts";
import { downloadSlackFiles } from "../../files/downloadSlackFiles.ts";
import { ACTION, CALLBACK, EVIDENCE_BLOCK } from "../../ids.ts";
import { buildEvidenceModal, buildEvidenceRecorded } from "../../views/evidenceModal.ts";
import { readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

/** A file_input's state: Slack reports the uploaded files as objects; the bot uses only their ids. */
const fileInputValues = z.object({
  [EVIDENCE_BLOCK.files]: z
    .record(z.string(), z.object({ files: z.array(z.object({ id: z.string().min(1) })).nullish() }))
    .optional(),
});

function readFileIds(values: unknown): string[] {
  const block = fileInputValues.parse(values)[EVIDENCE_BLOCK.files] ?? {};
  return Object.values(block).flatMap((element) => (element.files ?? []).map((f) => f.id));
}

/** The evidence form: files are downloaded and stored before the answer, so a failure is a field error. */
export const EVIDENCE_FORM = {
  permission: "evidence.add",
  button: ACTION.addEvidence,
  callbackId: CALLBACK.evidence,
  build: (_deps, record) => buildEvidenceModal(record),
  submit: async (deps, { userId, viewId, caseId, values, state }) => {
    const form = checkEvidenceForm(deps, {
      caseId,
      userId,
      viewId,
      form: {
        kind: readText(values, EVIDENCE_BLOCK.kind),
        description: readText(values, EVIDENCE_BLOCK.description),
        source: readText(values, EVIDENCE_BLOCK.source),
        link: readText(values, EVIDENCE_BLOCK.link),
        files: readFileIds(state),
      },
    });
    const result = form.recorded ?? addEvidence(deps, form, await downloadSlackFiles(deps, form.draft.files));
    return buildEvidenceRecorded(result);
  },
  fallbackBlock: EVIDENCE_BLOCK.kind,
} satisfies CaseForm;
