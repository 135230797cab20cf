import { EXPORT_USAGE } from "../../../core/decisionExport.ts";
import { DomainError } from "../../../core/domainError.ts";
import { SEARCH_LIMIT, SEARCH_USAGE, searchCasesFor } from "../../../flows/cases/searchCases.ts";
import { requestDecisionExport } from "../../../flows/sanctions/requestDecisionExport.ts";
import { caseSearchReply } from "../../views/closeReplies.ts";
import { exportRequestedReply } from "../../views/exportMessages.ts";
import { CLOSE_FORM } from "../caseForms/closeForm.ts";
import { caseFormCommand } from "./caseFormCommand.ts";
import type { Subcommand } from "./subcommand.ts";

export const closeSubcommands: Record<string, Subcommand> = {
  close: caseFormCommand(CLOSE_FORM),
  search: {
    usage: SEARCH_USAGE,
    summary: `find open and closed cases by id, title, description, party or category (best ${SEARCH_LIMIT})`,
    run: (deps, { userId, rest }) => caseSearchReply(rest, searchCasesFor(deps, { userId, text: rest }), SEARCH_LIMIT),
  },
  export: {
    usage: EXPORT_USAGE,
    summary: "statements of reasons as JSON and CSV files, posted here if private, else by DM (leads)",
    run: (deps, ctx) => {
      const [what, fromText, toText, ...extra] = ctx.args;
      if (what?.toLowerCase() !== "decisions" || extra.length > 0) {
        throw new DomainError("invalid_input", `Usage: \`/incident ${EXPORT_USAGE}\` (dates as YYYY-MM-DD, UTC)`);
      }
      const requested = requestDecisionExport(deps, { userId: ctx.userId, channelId: ctx.channelId, fromText, toText });
      return exportRequestedReply(requested.range, requested.isNew);
    },
  },
};
