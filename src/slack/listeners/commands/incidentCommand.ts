import type { App } from "@slack/bolt";
import { assertMay } from "../../../flows/roles/access.ts";
import { toUserMessage } from "../../errors.ts";
import { COMMAND } from "../../ids.ts";
import type { SlackDeps } from "../../slackDeps.ts";
import { errorReply, helpReply } from "../../views/commandReplies.ts";
import { buildIntakeModal } from "../../views/intakeModal.ts";
import { appealSubcommands } from "./appealCommands.ts";
import { calendarSubcommands } from "./calendarCommands.ts";
import { caseSubcommands } from "./caseCommands.ts";
import { closeSubcommands } from "./closeCommands.ts";
import { consultSubcommands } from "./consultCommands.ts";
import { evidenceSubcommands } from "./evidenceCommands.ts";
import { holdSubcommands } from "./holdCommands.ts";
import { interimSubcommands } from "./interimCommands.ts";
import { investigationSubcommands } from "./investigationCommands.ts";
import { onCallSubcommands } from "./onCallCommands.ts";
import { pageSubcommands } from "./pageCommands.ts";
import { reportSubcommands } from "./reportCommands.ts";
import { roleSubcommands } from "./roleCommands.ts";
import { sanctionSubcommands } from "./sanctionCommands.ts";
import type { CommandContext, Subcommand } from "./subcommand.ts";
import { zendeskSubcommands } from "./zendeskCommands.ts";

const help: Subcommand = { usage: "help", summary: "this list", run: () => helpReply(listed()) };

/** Every `/incident <name>`; each feature contributes its own table. */
const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  ...caseSubcommands,
  ...roleSubcommands,
  ...evidenceSubcommands,
  ...consultSubcommands,
  ...investigationSubcommands,
  ...sanctionSubcommands,
  ...interimSubcommands,
  ...appealSubcommands,
  ...closeSubcommands,
  ...holdSubcommands,
  ...calendarSubcommands,
  ...onCallSubcommands,
  ...pageSubcommands,
  ...reportSubcommands,
  ...zendeskSubcommands,
  help,
};

const listed = () => Object.values(SUBCOMMANDS);

/** `/incident [subcommand]`: no text opens the intake form; replies are ephemeral. */
export function registerIncidentCommand(app: App, deps: SlackDeps): void {
  // The intake form never changes while the bot runs: build it once.
  const intakeModal = buildIntakeModal();

  app.command(COMMAND, async ({ command, ack, client, respond }) => {
    const text = command.text.trim();
    const [name = "", ...args] = text.split(/\s+/).filter(Boolean);
    const log = { command: COMMAND, subcommand: name.slice(0, 20), userId: command.user_id };
    const ctx: CommandContext = {
      userId: command.user_id,
      channelId: command.channel_id,
      args,
      rest: text.slice(name.length).trim(),
      triggerId: command.trigger_id,
      client,
    };
    if (name === "") {
      // The intake path is the busiest: acknowledge before touching the database, answer a refusal
      // through response_url, and open the form while the trigger_id is fresh.
      await ack();
      try {
        assertMay(deps.db, command.user_id, "case.open");
        await client.views.open({ trigger_id: command.trigger_id, view: intakeModal });
      } catch (error) {
        await respond(errorReply(toUserMessage(error, deps.log, log)));
      }
      return;
    }
    const subcommand = SUBCOMMANDS[name.toLowerCase()];
    if (!subcommand) {
      await ack(helpReply(listed(), text));
      return;
    }
    let outcome: Awaited<ReturnType<Subcommand["run"]>>;
    try {
      outcome = await subcommand.run(deps, ctx);
    } catch (error) {
      await ack(errorReply(toUserMessage(error, deps.log, log)));
      return;
    }
    if (!("openModal" in outcome)) {
      await ack(outcome);
      return;
    }
    await ack();
    await outcome.openModal().catch((error: unknown) => respond(errorReply(toUserMessage(error, deps.log, log))));
  });
}
