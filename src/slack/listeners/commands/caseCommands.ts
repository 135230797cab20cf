import { seesOnlyConsultedCases } from "../../../core/permissions.ts";
import { userRole } from "../../../flows/access.ts";
import { consultsOwed } from "../../../flows/answerConsult.ts";
import { caseForCommand, listCases } from "../../../flows/findCases.ts";
import { caseListReply, caseStatusReply, consultantCaseReply } from "../../views/commandReplies.ts";
import type { Subcommand } from "./subcommand.ts";

export const caseSubcommands: Record<string, Subcommand> = {
  list: {
    usage: "list [page]",
    summary: "open cases, newest first",
    run: (deps, { userId, args: [page] }) =>
      caseListReply(listCases(deps, { userId, page: Number.parseInt(page ?? "1", 10) || 1 }), {
        titles: !seesOnlyConsultedCases(userRole(deps.db, userId)),
      }),
  },
  status: {
    usage: "status [TS-2026-0042]",
    summary: "a case's summary (in a war room, that room's case)",
    run: (deps, { userId, channelId, args: [idText] }) => {
      // A consultant sees the consults sent to them, not the case's description, parties or evidence.
      if (seesOnlyConsultedCases(userRole(deps.db, userId))) {
        const { record, consults } = consultsOwed(deps, { userId, idText, channelId });
        return consultantCaseReply(record, consults);
      }
      return caseStatusReply(caseForCommand(deps, { userId, idText, channelId, action: "case.read" }));
    },
  },
};
