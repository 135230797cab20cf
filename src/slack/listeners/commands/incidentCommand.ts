import type { App } from "@slack/bolt";
import type { FlowDeps } from "../../../flows/deps.ts";
import { caseForCommand, listCases } from "../../../flows/findCases.ts";
import { toUserMessage } from "../../errors.ts";
import { COMMAND } from "../../ids.ts";
import {
  caseListReply,
  caseStatusReply,
  type EphemeralReply,
  errorReply,
  helpReply,
} from "../../views/commandReplies.ts";
import { buildIntakeModal } from "../../views/intakeModal.ts";

type Subcommand = (deps: FlowDeps, args: string[], channelId: string) => EphemeralReply;

const SUBCOMMANDS: Record<string, Subcommand> = {
  help: () => helpReply(),
  list: (deps, [page]) => caseListReply(listCases(deps, Number.parseInt(page ?? "1", 10) || 1)),
  status: (deps, [idText], channelId) => caseStatusReply(caseForCommand(deps, { idText, channelId })),
};

/** `/incident [subcommand]`: no text opens the intake form; everything else answers ephemerally. */
export function registerIncidentCommand(app: App, deps: FlowDeps): void {
  app.command(COMMAND, async ({ command, ack, client, respond }) => {
    const [name = "", ...args] = command.text.trim().split(/\s+/).filter(Boolean);
    const context = { command: COMMAND, subcommand: name.slice(0, 20), userId: command.user_id };
    if (name === "") {
      await ack();
      try {
        await client.views.open({ trigger_id: command.trigger_id, view: buildIntakeModal() });
      } catch (error) {
        await respond(errorReply(toUserMessage(error, deps.log, context)));
      }
      return;
    }
    const subcommand = SUBCOMMANDS[name.toLowerCase()];
    if (!subcommand) {
      await ack(helpReply(command.text.trim()));
      return;
    }
    try {
      await ack(subcommand(deps, args, command.channel_id));
    } catch (error) {
      await ack(errorReply(toUserMessage(error, deps.log, context)));
    }
  });
}
