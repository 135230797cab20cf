import { DomainError } from "../../../core/domainError.ts";
import { assignCase } from "../../../flows/cases/assignCase.ts";
import {
  loadCaseTimeline,
  TIMELINE_DEFAULT_EVENTS,
  TIMELINE_MAX_EVENTS,
} from "../../../flows/cases/loadCaseTimeline.ts";
import { verifyCase } from "../../../flows/cases/verifyCase.ts";
import { assignReply, timelineReply, verifyReply } from "../../views/investigationReplies.ts";
import { MEDIATION_FORM } from "../caseForms/mediationForm.ts";
import { STATUS_FORM } from "../caseForms/statusForm.ts";
import { caseFormCommand } from "./caseFormCommand.ts";
import { parseUserMention, type Subcommand } from "./subcommand.ts";

const ASSIGN_USAGE = "assign @user [TS-2026-0042]";
const TIMELINE_USAGE = "timeline [TS-2026-0042] [n]";

const usage = (text: string) => new DomainError("invalid_input", `Usage: \`/incident ${text}\``);

/** `[TS-…] [n]`: a lone number is the count. */
function timelineArgs(args: string[]): { idText: string | undefined; count: number | undefined } {
  const isCount = (arg: string) => /^-?\d+$/.test(arg);
  const [idText, countText]: Array<string | undefined> =
    args.length === 1 && isCount(args[0] ?? "") ? [undefined, ...args] : args;
  const misplaced = (idText !== undefined && isCount(idText)) || (countText !== undefined && !isCount(countText));
  if (args.length > 2 || misplaced) throw usage(TIMELINE_USAGE);
  return { idText, count: countText === undefined ? undefined : Number.parseInt(countText, 10) };
}

export const investigationSubcommands: Record<string, Subcommand> = {
  move: caseFormCommand(STATUS_FORM),
  assign: {
    usage: ASSIGN_USAGE,
    summary: "make someone the case owner (invited to its war room)",
    run: (deps, { userId, channelId, args }) => {
      const assignee = parseUserMention(args[0]);
      if (!assignee || args.length > 2) throw usage(ASSIGN_USAGE);
      return assignReply(assignCase(deps, { actor: userId, assignee, idText: args[1], channelId }));
    },
  },
  timeline: {
    usage: TIMELINE_USAGE,
    summary: `the latest events of the case record (${TIMELINE_DEFAULT_EVENTS} by default, up to ${TIMELINE_MAX_EVENTS})`,
    run: (deps, { userId, channelId, args }) =>
      timelineReply(loadCaseTimeline(deps, { userId, channelId, ...timelineArgs(args) })),
  },
  verify: {
    usage: "verify [TS-2026-0042]",
    summary: "recompute the case record's hash chain",
    run: async (deps, { userId, channelId, args: [idText] }) =>
      verifyReply(await verifyCase(deps, { userId, idText, channelId })),
  },
  mediate: caseFormCommand(MEDIATION_FORM),
};
