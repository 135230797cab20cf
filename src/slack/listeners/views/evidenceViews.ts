import type { App } from "@slack/bolt";
import { z } from "zod";
import { addEvidence } from "../../../flows/evidence/addEvidence.ts";
import { checkEvidenceForm } from "../../../flows/evidence/checkEvidenceForm.ts";
import { toSubmissionErrors } from "../../errors.ts";
import { downloadSlackFiles } from "../../files/downloadSlackFiles.ts";
import { CALLBACK, EVIDENCE_BLOCK } from "../../ids.ts";
import type { SlackDeps } from "../../slackDeps.ts";
import { buildEvidenceRecorded } from "../../views/evidenceModal.ts";
import { readCaseMetadata } from "../caseMetadata.ts";
import { readText, viewStateValues } from "./viewState.ts";

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
export function registerEvidenceViews(app: App, deps: SlackDeps): void {
  app.view(CALLBACK.evidence, async ({ ack, body, view }) => {
    const context = { callbackId: CALLBACK.evidence, viewId: view.id, userId: body.user.id };
    try {
      const { caseId } = readCaseMetadata(view.private_metadata);
      const values = viewStateValues.parse(view.state.values);
      const form = checkEvidenceForm(deps, {
        caseId,
        userId: body.user.id,
        viewId: view.id,
        form: {
          kind: readText(values, EVIDENCE_BLOCK.kind),
          description: readText(values, EVIDENCE_BLOCK.description),
          source: readText(values, EVIDENCE_BLOCK.source),
          link: readText(values, EVIDENCE_BLOCK.link),
          files: readFileIds(view.state.values),
        },
      });
      const result = form.recorded ?? addEvidence(deps, form, await downloadSlackFiles(deps, form.draft.files));
      await ack({ response_action: "update", view: buildEvidenceRecorded(result) });
    } catch (error) {
      await ack(toSubmissionErrors(error, EVIDENCE_BLOCK.kind, deps.log, context));
    }
  });
}
