import { caseFromCommand } from "../../../flows/cases/caseForAction.ts";
import type { SlackDeps } from "../../slackDeps.ts";
import type { CaseForm } from "../caseForms/caseForm.ts";
import { type CommandContext, type OpenModal, openModal, type Subcommand } from "./subcommand.ts";

/** Opens `form` on the case `idText` names, or the war room's. */
export function openCaseForm(
  deps: SlackDeps,
  ctx: CommandContext,
  idText: string | undefined,
  form: CaseForm,
): OpenModal {
  const record = caseFromCommand(deps, { userId: ctx.userId, idText, channelId: ctx.channelId }, form.permission);
  return openModal(ctx, form.build(deps, record, ctx.userId));
}

/** The subcommand a form declares (`<name> [TS-…]`); its feature's table places it in help. */
export function caseFormCommand(form: CaseForm & Required<Pick<CaseForm, "command">>): Subcommand {
  return { ...form.command, run: (deps, ctx) => openCaseForm(deps, ctx, ctx.args[0], form) };
}
