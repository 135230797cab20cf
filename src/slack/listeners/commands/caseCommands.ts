import { caseForCommand, listCases } from "../../../flows/findCases.ts";
import { caseListReply, caseStatusReply } from "../../views/commandReplies.ts";
import type { Subcommand } from "./subcommand.ts";

export const caseSubcommands: Record<string, Subcommand> = {
  list: {
    usage: "list [page]",
    summary: "open cases, newest first",
    reply: (deps, { userId, args: [page] }) =>
      caseListReply(listCases(deps, { userId, page: Number.parseInt(page ?? "1", 10) || 1 })),
  },
  status: {
    usage: "status [TS-2026-0042]",
    summary: "a case's summary (in a war room, that room's case)",
    reply: (deps, { userId, channelId, args: [idText] }) =>
      caseStatusReply(caseForCommand(deps, { userId, idText, channelId, action: "case.read" })),
  },
};
