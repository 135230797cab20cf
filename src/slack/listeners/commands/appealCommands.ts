import { DomainError } from "../../../core/domainError.ts";
import { APPEAL_OUTCOMES } from "../../../core/sanctions.ts";
import { openAppeal } from "../../../flows/appeals/openAppeal.ts";
import { reviewAppeal } from "../../../flows/appeals/reviewAppeal.ts";
import { ephemeral } from "../../views/commandReplies.ts";
import type { Subcommand } from "./subcommand.ts";

const USAGE = "appeal [TS-…] D1 grounds… | appeal review [TS-…] upheld|overturned|modified [rung] rationale…";
const usage = () => new DomainError("invalid_input", `Usage: \`/incident ${USAGE}\``);

export const appealSubcommands: Record<string, Subcommand> = {
  appeal: {
    usage: USAGE,
    summary: "record a party's appeal of a decision (within 6 months), or review it independently",
    run: (deps, { userId, channelId, rest }) => {
      const review = /^review\s+(?:(TS-\S+)\s+)?(\w+)\s+([\s\S]+)$/i.exec(rest.trim());
      if (review) {
        const [, idText, outcomeText = "", tail = ""] = review;
        const outcome = APPEAL_OUTCOMES.find((o) => o === outcomeText.toLowerCase());
        if (!outcome) throw usage();
        const [rungWord = "", ...words] = tail.trim().split(/\s+/);
        const rung = outcome === "modified" ? rungWord : undefined;
        const rationale = outcome === "modified" ? words.join(" ") : tail;
        const { record, proposal } = reviewAppeal(deps, { userId, channelId, idText, outcome, rung, rationale });
        return ephemeral(
          proposal
            ? `${record.humanId}: ${proposal} proposes the appeal's outcome (${outcome}); it is decided by the votes on it.`
            : `${record.humanId}: appeal upheld; the case is closed again.`,
        );
      }
      const opened = /^(?:(TS-\S+)\s+)?(D\d+|TS-\S+-D\d+)\s+([\s\S]+)$/i.exec(rest.trim());
      if (!opened) throw usage();
      const [, idText, decisionRef = "", grounds = ""] = opened;
      const { record, puid } = openAppeal(deps, { userId, channelId, idText, decisionRef, grounds });
      deps.wakeScheduler();
      return ephemeral(
        `${record.humanId} is under appeal against ${puid}. Someone who neither proposed nor approved it reviews it.`,
      );
    },
  },
};
