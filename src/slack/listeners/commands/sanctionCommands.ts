import { PROPOSAL_FORM } from "../actions/sanctionActions.ts";
import { formCommand } from "./investigationCommands.ts";
import type { Subcommand } from "./subcommand.ts";

export const sanctionSubcommands: Record<string, Subcommand> = {
  propose: formCommand(
    "propose [TS-2026-0042]",
    "propose a sanction for votes under the four-eyes rules (form)",
    PROPOSAL_FORM,
  ),
};
