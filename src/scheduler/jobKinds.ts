/** Job kinds, one per side effect; src/slack/jobs/index.ts gives each its handler. */
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
  /** One step of a page's ladder: DM the primary, DM the secondary, or post to the escalation channel. */
  notifyPage: "page.notify",
  /** Once a page is acknowledged, its other DMs and channel post say so and lose their button. */
  closePageMessages: "page.close_messages",
  /** Re-reads a case's SLA clocks and queues the reminders whose threshold has passed. */
  checkSla: "sla.check",
  remindSla: "sla.remind",
  /** Daily: queues a reminder before each weekend or holiday on-call shift in the days ahead. */
  planShiftReminders: "oncall.plan_shifts",
  remindShift: "oncall.shift_remind",
} as const;

export type JobKind = (typeof JOB)[keyof typeof JOB];
