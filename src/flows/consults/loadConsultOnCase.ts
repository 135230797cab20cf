import type { CaseRow, ConsultRow, ConsultTeamRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { getCase } from "../../store/cases.ts";
import { getConsult, getConsultTeam, recipientsOfConsult } from "../../store/consults.ts";
import type { Executor } from "../../store/database.ts";

/** A consult with its team and case, as every consult side effect needs them. */
export interface ConsultOnCase {
  consult: ConsultRow;
  team: ConsultTeamRow;
  record: CaseRow;
}

export function loadConsultOnCase(tx: Executor, consultId: number): ConsultOnCase {
  const consult = getConsult(tx, consultId) ?? fail("not_found", `consult ${consultId} does not exist`);
  const team = getConsultTeam(tx, consult.teamId) ?? fail("not_found", `consult team ${consult.teamId} does not exist`);
  const record = getCase(tx, consult.caseId) ?? fail("not_found", `case ${consult.caseId} does not exist`);
  return { consult, team, record };
}

export type TeamTarget = { channelId: string } | { usergroupId: string };

export function teamTarget(team: ConsultTeamRow): TeamTarget {
  if (team.slackChannelId) return { channelId: team.slackChannelId };
  if (team.slackUsergroupId) return { usergroupId: team.slackUsergroupId };
  return fail("conflict", `${team.name} has no Slack group or channel; set one with /incident team ${team.key}`);
}

/** The people the consult was sent to by DM, as recorded when it was sent. */
export const consultRecipients = (tx: Executor, consultId: number): string[] => recipientsOfConsult(tx, consultId);
