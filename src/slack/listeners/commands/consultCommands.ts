import type { ConsultTeamRow } from "../../../../db/schema.ts";
import { DomainError } from "../../../core/domainError.ts";
import { consultsOwed } from "../../../flows/consults/answerConsult.ts";
import {
  type ConsultTarget,
  configureConsultTeam,
  consultTeamsFor,
} from "../../../flows/consults/configureConsultTeam.ts";
import { type EphemeralReply, ephemeral } from "../../views/commandReplies.ts";
import { buildConsultListModal } from "../../views/consultListModal.ts";
import { channelLink } from "../../views/mrkdwn.ts";
import { CONSULT_FORM } from "../caseForms/consultForm.ts";
import { openCaseForm } from "./caseFormCommand.ts";
import { openModal, parseChannelMention, parseUsergroupMention, type Subcommand } from "./subcommand.ts";

const TEAM_USAGE = "team <key> <@usergroup|#channel>";

function targetText(team: ConsultTeamRow): string {
  if (team.slackUsergroupId) return `<!subteam^${team.slackUsergroupId}> (each member by DM)`;
  if (team.slackChannelId) return channelLink(team.slackChannelId);
  return `no Slack target yet: \`/incident team ${team.key} @group\``;
}

function teamsReply(teams: readonly ConsultTeamRow[]): EphemeralReply {
  const lines = teams.map((t) => `*${t.name}* (\`${t.key}\`): ${targetText(t)}`);
  return ephemeral(`Consult teams\n${lines.join("\n")}`);
}

function parseTarget(text: string | undefined): ConsultTarget | undefined {
  const usergroupId = parseUsergroupMention(text);
  if (usergroupId) return { usergroupId };
  const channelId = parseChannelMention(text);
  return channelId ? { channelId } : undefined;
}

export const consultSubcommands: Record<string, Subcommand> = {
  consult: {
    usage: "consult [TS-2026-0042] | consult list [TS-2026-0042]",
    summary: "ask Legal, Payments, Product… a question with a due time; `list`: who owes what on the case",
    run: (deps, ctx) => {
      const { userId, channelId, args } = ctx;
      const [first, second, ...extra] = args;
      if (first?.toLowerCase() === "list" && extra.length === 0) {
        const { record, consults } = consultsOwed(deps, { userId, idText: second, channelId });
        return openModal(ctx, buildConsultListModal(record, consults, deps.clock.now()));
      }
      if (args.length > 1) {
        throw new DomainError("invalid_input", "Usage: `/incident consult [TS-2026-0042]` or `/incident consult list`");
      }
      return openCaseForm(deps, ctx, first, CONSULT_FORM);
    },
  },
  team: {
    usage: `team | ${TEAM_USAGE}`,
    summary: "the teams consults go to, or point one at its Slack user group or channel (leads)",
    run: (deps, { userId, args }) => {
      if (args.length === 0) return teamsReply(consultTeamsFor(deps, userId));
      const [key = "", targetArg] = args;
      const target = parseTarget(targetArg);
      if (!target || args.length !== 2) throw new DomainError("invalid_input", `Usage: \`/incident ${TEAM_USAGE}\``);
      const { team, created } = configureConsultTeam(deps, { actor: userId, key, target });
      return ephemeral(
        `${created ? "New team " : ""}*${team.name}* (\`${team.key}\`): consults now go to ${targetText(team)}.`,
      );
    },
  },
};
