import { mayOnSomeCases } from "../../../core/permissions.ts";
import { listCases } from "../../../flows/cases/findCases.ts";
import { loadCaseStatus } from "../../../flows/cases/loadCaseStatus.ts";
import { userRole } from "../../../flows/roles/access.ts";
import { caseListReply, caseStatusReply, consultantCaseReply } from "../../views/commandReplies.ts";
import type { Subcommand } from "./subcommand.ts";

export const caseSubcommands: Record<string, Subcommand> = {
  list: {
    usage: "list [page]",
    summary: "open cases, newest first",
    run: (deps, { userId, args: [page] }) =>
      caseListReply(listCases(deps, { userId, page: Number.parseInt(page ?? "1", 10) || 1 }), {
        // A title says what the case is about: only for whom the table grants reading cases.
        titles: mayOnSomeCases(userRole(deps.db, userId), "case.read"),
      }),
  },
  status: {
    usage: "status [TS-2026-0042]",
    summary: "a case's summary (in a war room, that room's case)",
    run: (deps, { userId, channelId, args: [idText] }) => {
      const answer = loadCaseStatus(deps, { userId, idText, channelId });
      return answer.kind === "case"
        ? caseStatusReply(answer.snapshot)
        : consultantCaseReply(answer.record, answer.consults);
    },
  },
};
