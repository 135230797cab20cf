import type { App, BlockButtonAction } from "@slack/bolt";
import { caseFromButton } from "../../../flows/cases/caseForAction.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { toUserMessage } from "../../errors.ts";
import { ACTION } from "../../ids.ts";
import { errorReply } from "../../views/commandReplies.ts";
import { buildEvidenceModal } from "../../views/evidenceModal.ts";

/** "Add evidence" on a case summary: opens the evidence form for that case. */
export function registerEvidenceActions(app: App, deps: FlowDeps): void {
  app.action<BlockButtonAction>(ACTION.addEvidence, async ({ ack, action, body, client, respond }) => {
    await ack();
    try {
      const record = caseFromButton(deps, body.user.id, action.value ?? "", "evidence.add");
      await client.views.open({ trigger_id: body.trigger_id, view: buildEvidenceModal(record) });
    } catch (error) {
      await respond({
        ...errorReply(toUserMessage(error, deps.log, { actionId: ACTION.addEvidence, userId: body.user.id })),
        replace_original: false,
      });
    }
  });
}
