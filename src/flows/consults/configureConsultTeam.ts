import type { ConsultTeamRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { getConsultTeamByKey, listConsultTeams, upsertConsultTeam } from "../../store/consults.ts";
import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { assertMay } from "../roles/access.ts";

const TEAM_KEY = /^[a-z0-9-]{2,20}$/;

/** Where a team's consults go: the members of a Slack user group (by DM), or a channel. */
export type ConsultTarget = { usergroupId: string } | { channelId: string };

export interface ConfigureConsultTeamInput {
  actor: string;
  key: string;
  target: ConsultTarget;
}

/** `/incident team <key> <@group|#channel>`: leads point a team (new or seeded) at its Slack target. */
export function configureConsultTeam(
  deps: FlowDeps,
  input: ConfigureConsultTeamInput,
): { team: ConsultTeamRow; created: boolean } {
  const now = deps.clock.now();
  const key = input.key.toLowerCase();
  return inTransaction(deps.db, (tx) => {
    assertMay(tx, input.actor, "team.manage");
    if (!TEAM_KEY.test(key)) {
      fail("invalid_input", "A team key is 2 to 20 lowercase letters, digits or hyphens, like `legal` or `trust-ops`.");
    }
    const existing = getConsultTeamByKey(tx, key);
    const team = upsertConsultTeam(tx, {
      key,
      name: existing?.name ?? key.charAt(0).toUpperCase() + key.slice(1),
      slackUsergroupId: "usergroupId" in input.target ? input.target.usergroupId : null,
      slackChannelId: "channelId" in input.target ? input.target.channelId : null,
      updatedBy: input.actor,
      updatedAt: now,
    });
    deps.log.info({ team: key, by: input.actor }, "consult team target set");
    return { team, created: existing === undefined };
  });
}

/** The teams a consult can go to, for those who may request one. */
export function consultTeamsFor(deps: FlowDeps, userId: string): ConsultTeamRow[] {
  assertMay(deps.db, userId, "consult.request");
  return listConsultTeams(deps.db);
}

export const hasSlackTarget = (team: ConsultTeamRow) => Boolean(team.slackUsergroupId || team.slackChannelId);
