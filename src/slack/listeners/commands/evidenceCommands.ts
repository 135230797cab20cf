import { DomainError } from "../../../core/domainError.ts";
import type { FlowDeps } from "../../../flows/deps.ts";
import { loadEvidenceListing } from "../../../flows/evidence/loadEvidenceListing.ts";
import { redactEvidence } from "../../../flows/evidence/redactEvidence.ts";
import { COMMAND } from "../../ids.ts";
import type { EphemeralReply } from "../../views/commandReplies.ts";
import { evidenceListReply, redactionReply } from "../../views/evidenceReplies.ts";
import { EVIDENCE_FORM } from "../caseForms/evidenceForm.ts";
import { openCaseForm } from "./caseFormCommand.ts";
import type { CommandContext, Subcommand } from "./subcommand.ts";

const USAGE = "evidence [TS-…] | evidence list [TS-…] | evidence redact [TS-…] E3 reason…";

const usageError = () => new DomainError("invalid_input", `Usage: \`/incident ${USAGE}\``);

/** `redact [TS-…] E3 <reason>`: the reason is kept as typed. */
function redact(deps: FlowDeps, ctx: CommandContext): EphemeralReply {
  const match = /^redact\s+(?:(\S+)\s+)??(E\d+)(?:\s+([\s\S]*))?$/i.exec(ctx.rest);
  if (!match) throw usageError();
  const [, idText, evidenceRef = "", reason = ""] = match;
  return redactionReply(
    redactEvidence(deps, {
      userId: ctx.userId,
      channelId: ctx.channelId,
      idText,
      evidenceRef,
      reason,
      source: `${COMMAND} evidence redact`,
    }),
  );
}

export const evidenceSubcommands: Record<string, Subcommand> = {
  evidence: {
    usage: USAGE,
    summary: "add evidence to a case (form), list its evidence, or redact an entry",
    run: (deps, ctx) => {
      const [verb, ...args] = ctx.args;
      switch (verb?.toLowerCase()) {
        case "list":
          if (args.length > 1) throw usageError();
          return evidenceListReply(
            loadEvidenceListing(deps, { userId: ctx.userId, idText: args[0], channelId: ctx.channelId }),
          );
        case "redact":
          return redact(deps, ctx);
        default:
          if (args.length > 0) throw usageError();
          return openCaseForm(deps, ctx, verb, EVIDENCE_FORM);
      }
    },
  },
};
