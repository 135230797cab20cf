import { logMediation, mediationForm } from "../../../flows/mediation/logMediation.ts";
import { ACTION, CALLBACK, MEDIATION_BLOCK } from "../../ids.ts";
import { buildMediationModal } from "../../views/mediationModal.ts";
import { readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

/** Log a contact, offer or outcome with a party. */
export const MEDIATION_FORM = {
  permission: "mediation.log",
  button: ACTION.logMediation,
  command: { usage: "mediate [TS-2026-0042]", summary: "log a contact, offer or outcome with a party (form)" },
  callbackId: CALLBACK.mediation,
  build: (deps, record) => buildMediationModal(mediationForm(deps, record)),
  submit: (deps, { userId, viewId, caseId, values }) => {
    const field = (blockId: string) => readText(values, blockId);
    logMediation(deps, {
      userId,
      caseId,
      viewId,
      raw: {
        party: field(MEDIATION_BLOCK.party),
        channel: field(MEDIATION_BLOCK.channel),
        summary: field(MEDIATION_BLOCK.summary),
        offer: field(MEDIATION_BLOCK.offer),
        amount: field(MEDIATION_BLOCK.amount),
        currency: field(MEDIATION_BLOCK.currency),
        outcome: field(MEDIATION_BLOCK.outcome),
      },
    });
    return undefined;
  },
  fallbackBlock: MEDIATION_BLOCK.party,
} satisfies CaseForm;
