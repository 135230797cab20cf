import { DomainError } from "../../../core/domainError.ts";
import { pageOnCall } from "../../../flows/paging/pageOnCall.ts";
import { pageRequestedReply } from "../../views/pageMessages.ts";
import { parseUserMention, type Subcommand } from "./subcommand.ts";

const USAGE = "page [TS-2026-0042] [@user]";

export const pageSubcommands: Record<string, Subcommand> = {
  page: {
    usage: USAGE,
    summary: "page the on-call person about the case now (or @user first), with the usual escalation",
    run: (deps, { userId, channelId, args }) => {
      const users = args.map(parseUserMention);
      const target = users.find((u) => u !== undefined);
      const ids = args.filter((_, i) => users[i] === undefined);
      if (ids.length > 1 || users.filter(Boolean).length > 1) {
        throw new DomainError("invalid_input", `Usage: \`/incident ${USAGE}\``);
      }
      const { record, page } = pageOnCall(deps, { userId, channelId, idText: ids[0], target });
      return pageRequestedReply({ record, page, escalationChannelId: deps.config.slack.escalationChannelId });
    },
  },
};
