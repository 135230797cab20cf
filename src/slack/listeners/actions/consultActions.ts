import type { App, BlockButtonAction } from "@slack/bolt";
import { caseFromButton } from "../../../flows/cases/caseForAction.ts";
import { consultToAnswer } from "../../../flows/consults/answerConsult.ts";
import { consultTeamsFor } from "../../../flows/consults/configureConsultTeam.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { toUserMessage } from "../../errors.ts";
import { ACTION } from "../../ids.ts";
import type { ModalView } from "../../views/blocks.ts";
import { errorReply } from "../../views/commandReplies.ts";
import { buildConsultAnswerModal } from "../../views/consultAnswerModal.ts";
import { buildConsultModal } from "../../views/consultModal.ts";

/** "Consult" on the case summary and "Answer" on a consult ping: each opens its modal. */
export function registerConsultActions(app: App, deps: FlowDeps): void {
  const openModal = (actionId: string, build: (userId: string, value: string) => ModalView) =>
    app.action<BlockButtonAction>(actionId, async ({ ack, action, body, client, respond }) => {
      await ack();
      try {
        await client.views.open({ trigger_id: body.trigger_id, view: build(body.user.id, action.value ?? "") });
      } catch (error) {
        await respond({
          ...errorReply(toUserMessage(error, deps.log, { actionId, userId: body.user.id })),
          replace_original: false,
        });
      }
    });

  openModal(ACTION.requestConsult, (userId, humanId) =>
    buildConsultModal(caseFromButton(deps, userId, humanId, "consult.request"), consultTeamsFor(deps, userId)),
  );
  openModal(ACTION.answerConsult, (userId, value) => {
    const { record, consult, team } = consultToAnswer(deps.db, userId, Number.parseInt(value, 10));
    return buildConsultAnswerModal(record, consult, team.name);
  });
}
