import { DomainError } from "../../../core/domainError.ts";
import { applyInterimSuspension, liftInterimSuspension } from "../../../flows/sanctions/interimSuspension.ts";
import { ephemeral } from "../../views/commandReplies.ts";
import { userText } from "../../views/mrkdwn.ts";
import type { Subcommand } from "./subcommand.ts";

const USAGE = "interim [lift] [TS-…] <account id> <reason…>";

/** `interim [lift] [TS-…] pro_9911 reason…`: the case id is optional inside its war room. */
function parse(rest: string): { lift: boolean; idText: string | undefined; accountRef: string; reason: string } {
  const match = /^(lift\s+)?(?:(TS-\S+)\s+)?([A-Za-z0-9][A-Za-z0-9_.:-]*)\s+([\s\S]+)$/i.exec(rest.trim());
  if (!match) throw new DomainError("invalid_input", `Usage: \`/incident ${USAGE}\``);
  const [, lift, idText, accountRef = "", reason = ""] = match;
  return { lift: Boolean(lift), idText, accountRef, reason };
}

export const interimSubcommands: Record<string, Subcommand> = {
  interim: {
    usage: USAGE,
    summary: "suspend an account at once while a SEV1/SEV2 case is decided, or lift that (leads)",
    run: (deps, { userId, channelId, rest }) => {
      const { lift, idText, accountRef, reason } = parse(rest);
      const input = { userId, channelId, idText, accountRef, reason };
      if (lift) {
        const { record } = liftInterimSuspension(deps, input);
        return ephemeral(`Interim suspension of \`${userText(accountRef, 64)}\` on ${record.humanId} lifted.`);
      }
      const { record } = applyInterimSuspension(deps, input);
      deps.wakeScheduler();
      return ephemeral(
        `:red_circle: \`${userText(accountRef, 64)}\` is suspended in the interim on ${record.humanId}. A decision must confirm or lift it.`,
      );
    },
  },
};
