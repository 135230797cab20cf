import type { App, BlockButtonAction } from "@slack/bolt";
import type { CaseRow } from "../../../../db/schema.ts";
import type { Action } from "../../../core/permissions.ts";
import { caseFromButton } from "../../../flows/cases/caseForAction.ts";
import { statusChangeForm } from "../../../flows/cases/changeStatus.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { mediationForm } from "../../../flows/mediation/logMediation.ts";
import { toUserMessage } from "../../errors.ts";
import { ACTION } from "../../ids.ts";
import type { ModalView } from "../../views/blocks.ts";
import { errorReply } from "../../views/commandReplies.ts";
import { buildMediationModal } from "../../views/mediationModal.ts";
import { buildStatusModal } from "../../views/statusModal.ts";

/** A form about one case, opened from its summary button or from a subcommand. */
export interface CaseForm {
  permission: Action;
  build: (deps: FlowDeps, record: CaseRow) => ModalView;
}

export const CASE_FORMS = {
  status: { permission: "case.update", build: (_deps, record) => buildStatusModal(statusChangeForm(record)) },
  mediation: { permission: "mediation.log", build: (deps, record) => buildMediationModal(mediationForm(deps, record)) },
} as const satisfies Record<string, CaseForm>;

/** Summary buttons (their value is the case's human id) and the form each opens. */
const BUTTONS: ReadonlyArray<readonly [string, CaseForm]> = [
  [ACTION.changeStatus, CASE_FORMS.status],
  [ACTION.logMediation, CASE_FORMS.mediation],
];

export function registerInvestigationActions(app: App, deps: FlowDeps): void {
  for (const [actionId, form] of BUTTONS) registerCaseFormButton(app, deps, actionId, form);
}

/** A summary button that opens `form` for its case; a refusal is answered ephemerally. */
export function registerCaseFormButton(app: App, deps: FlowDeps, actionId: string, form: CaseForm): void {
  app.action<BlockButtonAction>(actionId, async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      const record = caseFromButton(deps, body.user.id, action.value ?? "", form.permission);
      await client.views.open({ trigger_id: body.trigger_id, view: form.build(deps, record) });
    } catch (error) {
      await respond({
        ...errorReply(toUserMessage(error, deps.log, { actionId, userId: body.user.id })),
        replace_original: false,
      });
    }
  });
}
