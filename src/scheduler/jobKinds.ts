/** Job kinds, one per Slack side effect; their handlers live in src/flows and are wired in main. */
export const JOB = {
  createWarRoom: "war_room.create",
  inviteToWarRoom: "war_room.invite",
  setWarRoomTopic: "war_room.topic",
  postSummary: "summary.post",
  pinSummary: "summary.pin",
  refreshSummary: "summary.refresh",
  announceCase: "triage.announce",
  pingConsultTeam: "consult.ping",
  remindOverdueConsult: "consult.remind",
  postProposal: "proposal.post",
  escalateProposal: "proposal.escalate",
  postCloseSummary: "case.close_summary",
  archiveWarRoom: "war_room.archive",
  notifyFailure: "case.notify_failure",
} as const;

export type JobKind = (typeof JOB)[keyof typeof JOB];
