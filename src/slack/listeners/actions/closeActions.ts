import type { App } from "@slack/bolt";
import { closeForm } from "../../../flows/cases/closeCase.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { ACTION } from "../../ids.ts";
import { buildCloseModal } from "../../views/closeModal.ts";
import { type CaseForm, registerCaseFormButton } from "./investigationActions.ts";

/** The close form, refused before it opens while consults or proposals are open. */
export const CLOSE_FORM: CaseForm = {
  permission: "case.update",
  build: (deps, record) => buildCloseModal(closeForm(deps, record)),
};

export function registerCloseActions(app: App, deps: FlowDeps): void {
  registerCaseFormButton(app, deps, ACTION.closeCase, CLOSE_FORM);
}
