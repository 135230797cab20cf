import { DomainError } from "../../../core/domainError.ts";
import { placeLegalHold, releaseHold } from "../../../flows/retention/legalHold.ts";
import { ephemeral } from "../../views/commandReplies.ts";
import type { Subcommand } from "./subcommand.ts";

const HOLD_USAGE = "hold [TS-…] <reason…>";
const RELEASE_USAGE = "release-hold [TS-…]";

/** `hold TS-… reason…`: the case id is optional inside its war room. */
function parseHold(rest: string): { idText: string | undefined; reason: string } {
  const match = /^(?:(TS-\S+)\s+)?([\s\S]+)$/i.exec(rest.trim());
  if (!match) throw new DomainError("invalid_input", `Usage: \`/incident ${HOLD_USAGE}\``);
  const [, idText, reason = ""] = match;
  return { idText, reason };
}

export const holdSubcommands: Record<string, Subcommand> = {
  hold: {
    usage: HOLD_USAGE,
    summary: "keep a case's personal data past its retention period, e.g. for litigation (leads)",
    run: (deps, { userId, channelId, rest }) => {
      const { record } = placeLegalHold(deps, { userId, channelId, ...parseHold(rest) });
      return ephemeral(`:lock: ${record.humanId} is under legal hold: retention will not redact it until released.`);
    },
  },
  "release-hold": {
    usage: RELEASE_USAGE,
    summary: "end a case's legal hold, so retention redacts it once its period is over (leads)",
    run: (deps, { userId, channelId, args }) => {
      const { record } = releaseHold(deps, { userId, channelId, idText: args[0] });
      return ephemeral(`${record.humanId}'s legal hold is released; retention applies to it again.`);
    },
  },
};
