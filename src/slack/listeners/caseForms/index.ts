import type { App } from "@slack/bolt";
import { caseFromButton } from "../../../flows/cases/caseForAction.ts";
import type { SlackDeps } from "../../slackDeps.ts";
import { answerSubmission } from "../answerSubmission.ts";
import { readCaseMetadata } from "../caseMetadata.ts";
import { openModalFromButton } from "../openModalFromButton.ts";
import { viewStateValues } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";
import { CLOSE_FORM } from "./closeForm.ts";
import { CONSULT_FORM } from "./consultForm.ts";
import { EVIDENCE_FORM } from "./evidenceForm.ts";
import { MEDIATION_FORM } from "./mediationForm.ts";
import { PROPOSAL_FORM } from "./proposalForm.ts";
import { STATUS_FORM } from "./statusForm.ts";

/** Every modal opened on a case, in its summary buttons' order; a subcommand opening one names it in its feature's table. */
export const CASE_FORMS: readonly CaseForm[] = [
  EVIDENCE_FORM,
  CONSULT_FORM,
  MEDIATION_FORM,
  STATUS_FORM,
  PROPOSAL_FORM,
  CLOSE_FORM,
];

/** The case summary's work buttons: one per form. */
export const CASE_FORM_BUTTONS = CASE_FORMS.map((form) => form.button);

/** Each form's button and its submission. */
export function registerCaseForms(app: App, deps: SlackDeps): void {
  for (const form of CASE_FORMS) {
    openModalFromButton(app, deps, form.button.actionId, (userId, humanId) =>
      form.build(deps, caseFromButton(deps, userId, humanId, form.permission), userId),
    );
    app.view(form.callbackId, async ({ ack, body, view }) => {
      const userId = body.user.id;
      const context = { callbackId: form.callbackId, viewId: view.id, userId };
      await ack(
        await answerSubmission(deps, context, { fallback: form.fallbackBlock, byField: form.fieldBlocks }, () =>
          form.submit(deps, {
            userId,
            viewId: view.id,
            values: viewStateValues.parse(view.state.values),
            caseId: readCaseMetadata(view.private_metadata).caseId,
            state: view.state.values,
          }),
        ),
      );
    });
  }
}
