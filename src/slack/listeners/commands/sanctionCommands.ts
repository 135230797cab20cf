import { PROPOSAL_FORM } from "../caseForms/proposalForm.ts";
import { caseFormCommand } from "./caseFormCommand.ts";
import type { Subcommand } from "./subcommand.ts";

export const sanctionSubcommands: Record<string, Subcommand> = {
  propose: caseFormCommand(PROPOSAL_FORM),
};
