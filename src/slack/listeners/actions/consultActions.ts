import type { App } from "@slack/bolt";
import { consultToAnswer } from "../../../flows/consults/answerConsult.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { ACTION } from "../../ids.ts";
import { buildConsultAnswerModal } from "../../views/consultAnswerModal.ts";
import { openModalFromButton } from "../openModalFromButton.ts";

/** "Answer" on a consult ping (its value is the consult id) opens the answer modal. */
export function registerConsultActions(app: App, deps: FlowDeps): void {
  openModalFromButton(app, deps, ACTION.answerConsult, (userId, value) => {
    const { record, consult, team } = consultToAnswer(deps.db, userId, Number.parseInt(value, 10));
    return buildConsultAnswerModal(record, consult, team.name);
  });
}
