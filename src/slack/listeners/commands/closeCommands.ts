import { EXPORT_USAGE } from "../../../core/decisionExport.ts";
import { DomainError } from "../../../core/domainError.ts";
import { SEARCH_LIMIT, SEARCH_USAGE, searchCasesFor } from "../../../flows/cases/searchCases.ts";
import { prepareDecisionExport } from "../../../flows/sanctions/exportDecisions.ts";
import type { Logger } from "../../../log.ts";
import { toUserMessage } from "../../errors.ts";
import { uploadDecisionExport } from "../../files/uploadDecisionExport.ts";
import type { SlackDeps } from "../../slackDeps.ts";
import { caseSearchReply, exportComment, exportEmptyReply, exportStartedReply } from "../../views/closeReplies.ts";
import { errorReply } from "../../views/commandReplies.ts";
import { CLOSE_FORM } from "../caseForms/closeForm.ts";
import { caseFormCommand } from "./caseFormCommand.ts";
import type { CommandContext, Subcommand } from "./subcommand.ts";

/** The upload runs after the command is answered; a failure reaches the user as an ephemeral message. */
function startUpload(deps: SlackDeps, ctx: CommandContext, upload: Promise<void>): void {
  const context = { subcommand: "export", userId: ctx.userId, channelId: ctx.channelId };
  upload.catch((error: unknown) => {
    const text = errorReply(`The export failed: ${toUserMessage(error, deps.log, context)}`).text;
    return deps.slack.chat
      .postEphemeral({ channel: ctx.channelId, user: ctx.userId, text })
      .catch((notice: unknown) => logUnreported(deps.log, context, notice));
  });
}

const logUnreported = (log: Logger, context: Record<string, unknown>, error: unknown) =>
  log.error({ ...context, err: error }, "could not tell the user their export failed");

export const closeSubcommands: Record<string, Subcommand> = {
  close: caseFormCommand(CLOSE_FORM),
  search: {
    usage: SEARCH_USAGE,
    summary: `find open and closed cases by id, title, description, party or category (best ${SEARCH_LIMIT})`,
    run: (deps, { userId, rest }) => caseSearchReply(rest, searchCasesFor(deps, { userId, text: rest }), SEARCH_LIMIT),
  },
  export: {
    usage: EXPORT_USAGE,
    summary: "statements of reasons as JSON and CSV files, uploaded here (leads)",
    run: (deps, ctx) => {
      const [what, fromText, toText, ...extra] = ctx.args;
      if (what?.toLowerCase() !== "decisions" || extra.length > 0) {
        throw new DomainError("invalid_input", `Usage: \`/incident ${EXPORT_USAGE}\` (dates as YYYY-MM-DD, UTC)`);
      }
      const prepared = prepareDecisionExport(deps, { userId: ctx.userId, fromText, toText });
      if (prepared.count === 0) return exportEmptyReply(prepared.range, prepared.leftOut);
      const comment = exportComment(prepared.range, prepared.count, prepared.leftOut);
      startUpload(deps, ctx, uploadDecisionExport(deps, { channelId: ctx.channelId, files: prepared.files, comment }));
      return exportStartedReply(prepared.range, prepared.count, prepared.leftOut);
    },
  },
};
