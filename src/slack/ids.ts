/** Every callback_id, block_id and action_id the bot renders or listens to, in one place. */

export const COMMAND = "/incident";

export const CALLBACK = {
  intake: "incident_intake",
  evidence: "evidence_add",
  consult: "consult_request",
  consultAnswer: "consult_answer",
  status: "case_status",
  mediation: "mediation_log",
  proposal: "sanction_proposal",
  vote: "sanction_vote",
  close: "case_close",
} as const;

/** Intake modal block ids: part of the runtime contract (DESIGN §5). */
export const INTAKE_BLOCK = {
  title: "title",
  category: "category",
  severity: "severity",
  description: "description",
  reporter: "reporter",
  reporterRole: "reporter_role",
  reporterName: "reporter_name",
  respondent: "respondent",
  respondentRole: "respondent_role",
  respondentName: "respondent_name",
  source: "source",
  occurredAt: "occurred_at",
  zendeskTicket: "zendesk_ticket",
} as const;

/** Consult modal block ids (each the field name its flow reports errors under) and the consult message's buttons. */
export const CONSULT_BLOCK = {
  team: "team",
  question: "question",
  due: "due_at",
  answer: "answer",
  actions: "consult_actions",
} as const;

/** Evidence modal block ids; they equal the form's field names, so field errors map straight to blocks. */
export const EVIDENCE_BLOCK = {
  kind: "kind",
  description: "description",
  source: "source",
  link: "link",
  files: "files",
} as const;

export const BLOCK = {
  caseActions: "case_actions",
} as const;

/** Buttons carry the case's human id (or a consult id) as their value. */
export const ACTION = {
  openWarRoom: "open_war_room",
  addEvidence: "add_evidence",
  requestConsult: "request_consult",
  changeStatus: "change_status",
  logMediation: "log_mediation",
  answerConsult: "answer_consult",
  proposeSanction: "propose_sanction",
  vote: "sanction_vote",
  closeCase: "close_case",
  /** On a page DM or escalation post; the value is the page id. */
  ackPage: "page_ack",
} as const;

/** Status and mediation modal block ids; each equals the field name its flow reports errors under. */
export const STATUS_BLOCK = { status: "status", note: "note" } as const;
export const MEDIATION_BLOCK = {
  party: "party",
  channel: "channel",
  summary: "summary",
  offer: "offer",
  amount: "amount",
  currency: "currency",
  outcome: "outcome",
} as const;

/** Close modal block ids; each equals the field name its flow reports errors under. */
export const CLOSE_BLOCK = { summary: "summary", outcome: "outcome" } as const;

/** Proposal and vote modal block ids; each equals the field name its flow reports errors under. */
export const PROPOSAL_BLOCK = {
  account: "account",
  rung: "rung",
  clauses: "clauses",
  facts: "facts",
  evidence: "evidence",
  flags: "flags",
} as const;
export const VOTE_BLOCK = { choice: "choice", rationale: "rationale" } as const;
