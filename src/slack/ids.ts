/** The callback, block and action ids of everything but the case forms, which keep theirs in their own file. */

export const COMMAND = "/incident";

export const CALLBACK = {
  intake: "incident_intake",
  consultAnswer: "consult_answer",
  vote: "sanction_vote",
  zendeskMapping: "zendesk_mapping",
} as const;

/** The Zendesk mapping modal's block ids: the mapping's domain field names, so field errors land as they are. */
export const ZENDESK_MAPPING_BLOCK = {
  categoryRules: "category_rules",
  severityRules: "severity_rules",
  defaultCategory: "default_category",
  defaultSeverity: "default_severity",
  unmapped: "unmapped",
  reporterRef: "reporter_ref",
  reporterRole: "reporter_role",
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

/** The consult answer modal's field and the consult message's Answer button row. */
export const CONSULT_ANSWER_BLOCK = { answer: "answer", actions: "consult_actions" } as const;

export const BLOCK = {
  caseActions: "case_actions",
} as const;

/** A button's value names what it acts on: the case's human id, a consult, a proposal. */
export const ACTION = {
  openWarRoom: "open_war_room",
  answerConsult: "answer_consult",
  vote: "sanction_vote",
  /** On a page DM or escalation post; the value is the page id. */
  ackPage: "page_ack",
} as const;

/** Vote modal block ids; each equals the field name its flow reports errors under. */
export const VOTE_BLOCK = { choice: "choice", rationale: "rationale" } as const;
