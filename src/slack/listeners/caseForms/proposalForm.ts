import { proposalForm, proposeSanction } from "../../../flows/sanctions/proposeSanction.ts";
import { ACTION, CALLBACK, PROPOSAL_BLOCK } from "../../ids.ts";
import { buildProposalModal } from "../../views/proposalModal.ts";
import { readOptions, readText } from "../views/viewState.ts";
import type { CaseForm } from "./caseForm.ts";

/** Propose a sanction; the votes happen on the posted proposal. */
export const PROPOSAL_FORM = {
  permission: "sanction.propose",
  button: ACTION.proposeSanction,
  command: {
    usage: "propose [TS-2026-0042]",
    summary: "propose a sanction for votes under the four-eyes rules (form)",
  },
  callbackId: CALLBACK.proposal,
  build: (deps, record) => buildProposalModal(proposalForm(deps, record)),
  submit: (deps, { userId, viewId, caseId, values }) => {
    proposeSanction(deps, {
      userId,
      caseId,
      viewId,
      raw: {
        account: readText(values, PROPOSAL_BLOCK.account),
        rung: readText(values, PROPOSAL_BLOCK.rung),
        clauses: readOptions(values, PROPOSAL_BLOCK.clauses),
        facts: readText(values, PROPOSAL_BLOCK.facts),
        evidence: readOptions(values, PROPOSAL_BLOCK.evidence),
        flags: readOptions(values, PROPOSAL_BLOCK.flags),
      },
    });
    return undefined;
  },
  fallbackBlock: PROPOSAL_BLOCK.facts,
} satisfies CaseForm;
