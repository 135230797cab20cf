import { configureConsultTeam } from "../../src/flows/consults/configureConsultTeam.ts";
import { requestConsult } from "../../src/flows/consults/requestConsult.ts";
import { type Harness, USERS } from "./harness.ts";

const DAY = 24 * 60 * 60_000;
let arranged = 0;

export interface ArrangedConsult {
  /** The case's row id (1 for the first case a test opens). */
  caseId: number;
  /** Who the team's user group holds: the people the consult is sent to. */
  members: readonly string[];
  team?: string;
  requestedBy?: string;
}

/**
 * Arrange step: a lead points `team` at a Slack user group of `members` and consults it on the case, through
 * the flows behind `/incident team` and the consult form; the jobs run, so the members have received it.
 */
export async function consultTeam(h: Harness, consult: ArrangedConsult): Promise<void> {
  const { caseId, members, team = "legal", requestedBy = USERS.lead } = consult;
  const usergroupId = `S0${team.toUpperCase()}`;
  h.fake.addUsergroup(usergroupId, [...members]);
  configureConsultTeam(h.desk.deps, { actor: USERS.lead, key: team, target: { usergroupId } });
  arranged += 1;
  requestConsult(h.desk.deps, {
    userId: requestedBy,
    caseId,
    viewId: `VARRANGED${arranged}`,
    teamKey: team,
    question: "Can we act on this?",
    dueAt: h.clock.now() + 2 * DAY,
  });
  await h.settle();
}
