import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// All instants are integer milliseconds since the epoch (UTC), read from the injected clock.

export const cases = sqliteTable(
  "cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    humanId: text("human_id").notNull().unique(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    category: text("category").notNull(),
    categoryVersion: text("category_version").notNull(),
    severity: text("severity").notNull(),
    status: text("status").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    source: text("source").notNull(),
    occurredAt: integer("occurred_at"),
    zendeskTicket: text("zendesk_ticket"),
    ownerId: text("owner_id"),
    createdBy: text("created_by").notNull(),
    channelId: text("channel_id"),
    channelName: text("channel_name"),
    summaryTs: text("summary_ts"),
    triageTs: text("triage_ts"),
    warRoomRequestedAt: integer("war_room_requested_at"),
    warRoomRequestedBy: text("war_room_requested_by"),
    intakeViewId: text("intake_view_id").unique(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("cases_year_seq").on(t.year, t.seq),
    index("cases_status_created").on(t.status, t.createdAt),
    index("cases_channel").on(t.channelId),
    index("cases_zendesk_ticket").on(t.zendeskTicket),
  ],
);

export const accounts = sqliteTable(
  "accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountRef: text("account_ref").notNull(),
    role: text("role").notNull(),
    displayName: text("display_name").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("accounts_role_ref").on(t.role, t.accountRef)],
);

export const caseParties = sqliteTable(
  "case_parties",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    partyRole: text("party_role").notNull(),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [
    uniqueIndex("case_parties_unique").on(t.caseId, t.accountId, t.partyRole),
    index("case_parties_account").on(t.accountId),
  ],
);

/** The audit timeline: append-only (triggers refuse UPDATE and DELETE), hash-chained per case. */
export const caseEvents = sqliteTable(
  "case_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    seq: integer("seq").notNull(),
    at: integer("at").notNull(),
    actor: text("actor").notNull(),
    kind: text("kind").notNull(),
    payload: text("payload").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [uniqueIndex("case_events_case_seq").on(t.caseId, t.seq)],
);

/** Durable work: every Slack side effect and timed action is a row here, claimed with a lease. */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    payload: text("payload").notNull(),
    caseId: integer("case_id").references(() => cases.id),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    runAt: integer("run_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    leaseUntil: integer("lease_until"),
    leasedBy: text("leased_by"),
    lastError: text("last_error"),
    doneAt: integer("done_at"),
    failedAt: integer("failed_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("jobs_due").on(t.runAt).where(sql`done_at IS NULL AND failed_at IS NULL`),
    index("jobs_case").on(t.caseId),
  ],
);

/** Each person's one role in Incident Desk; someone without a row may do nothing. */
export const userRoles = sqliteTable("user_roles", {
  userId: text("user_id").primaryKey(),
  role: text("role").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** Every role change, append-only (triggers refuse UPDATE and DELETE). */
export const roleChanges = sqliteTable(
  "role_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    role: text("role"),
    previousRole: text("previous_role"),
    changedBy: text("changed_by").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("role_changes_user").on(t.userId)],
);

/** One evidence entry (append-only); a redaction is a later entry naming the one it redacts. */
export const evidence = sqliteTable(
  "evidence",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    /** E1, E2, … within the case. */
    seq: integer("seq").notNull(),
    kind: text("kind").notNull(),
    description: text("description").notNull(),
    source: text("source").notNull(),
    link: text("link"),
    redactsEvidenceId: integer("redacts_evidence_id"),
    addedBy: text("added_by").notNull(),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [uniqueIndex("evidence_case_seq").on(t.caseId, t.seq)],
);

/** Files of an evidence entry, stored once by SHA-256 under EVIDENCE_DIR. */
export const evidenceFiles = sqliteTable(
  "evidence_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    evidenceId: integer("evidence_id")
      .notNull()
      .references(() => evidence.id),
    sha256: text("sha256").notNull(),
    name: text("name").notNull(),
    size: integer("size").notNull(),
    mimeType: text("mime_type").notNull(),
    slackFileId: text("slack_file_id"),
    uploadedBy: text("uploaded_by").notNull(),
  },
  (t) => [index("evidence_files_sha").on(t.sha256), index("evidence_files_entry").on(t.evidenceId)],
);

/** Teams that answer consults (Legal, Payments, Product, ...), reached through a user group or a channel. */
export const consultTeams = sqliteTable("consult_teams", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  slackUsergroupId: text("slack_usergroup_id"),
  slackChannelId: text("slack_channel_id"),
  updatedBy: text("updated_by").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const consults = sqliteTable(
  "consults",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    teamId: integer("team_id")
      .notNull()
      .references(() => consultTeams.id),
    question: text("question").notNull(),
    dueAt: integer("due_at").notNull(),
    status: text("status").notNull(),
    requestedBy: text("requested_by").notNull(),
    requestedAt: integer("requested_at").notNull(),
    /** The case status to return to once the consult is answered. */
    resumeStatus: text("resume_status").notNull(),
    answer: text("answer"),
    answeredBy: text("answered_by"),
    answeredAt: integer("answered_at"),
    pingChannelId: text("ping_channel_id"),
    pingTs: text("ping_ts"),
  },
  (t) => [index("consults_case").on(t.caseId), index("consults_open_due").on(t.status, t.dueAt)],
);

/** The people a consult was sent to: consultants see exactly the cases they are recipients on. */
export const consultRecipients = sqliteTable(
  "consult_recipients",
  {
    consultId: integer("consult_id")
      .notNull()
      .references(() => consults.id),
    userId: text("user_id").notNull(),
  },
  (t) => [
    uniqueIndex("consult_recipients_pk").on(t.consultId, t.userId),
    index("consult_recipients_user").on(t.userId),
  ],
);

/** Logged contacts with a party: channel, summary, any offer and where it stands. */
export const mediationEntries = sqliteTable(
  "mediation_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    channel: text("channel").notNull(),
    summary: text("summary").notNull(),
    offerKind: text("offer_kind").notNull(),
    offerAmountMinor: integer("offer_amount_minor"),
    offerCurrency: text("offer_currency"),
    outcome: text("outcome").notNull(),
    loggedBy: text("logged_by").notNull(),
    loggedAt: integer("logged_at").notNull(),
  },
  (t) => [index("mediation_case").on(t.caseId)],
);

/** A proposed sanction (or, on appeal, overturn or modification), decided by votes under the four-eyes rules. */
export const sanctionProposals = sqliteTable(
  "sanction_proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    /** P1, P2, … within the case. */
    seq: integer("seq").notNull(),
    kind: text("kind").notNull(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    rung: text("rung").notNull(),
    /** JSON array of policy clause ids. */
    clauses: text("clauses").notNull(),
    facts: text("facts").notNull(),
    /** JSON array of evidence ids relied on. */
    evidenceIds: text("evidence_ids").notNull(),
    guaranteeClaim: integer("guarantee_claim", { mode: "boolean" }).notNull(),
    legalFlag: integer("legal_flag", { mode: "boolean" }).notNull(),
    /** For overturns and modifications: the decision under appeal. */
    appealId: integer("appeal_id"),
    status: text("status").notNull(),
    proposedBy: text("proposed_by").notNull(),
    proposedAt: integer("proposed_at").notNull(),
    decidedAt: integer("decided_at"),
    requestViewId: text("request_view_id").unique(),
    messageChannelId: text("message_channel_id"),
    messageTs: text("message_ts"),
  },
  (t) => [
    uniqueIndex("sanction_proposals_case_seq").on(t.caseId, t.seq),
    index("sanction_proposals_status").on(t.status),
  ],
);

/** Votes are append-only: a changed vote is a new row that supersedes the voter's earlier one. */
export const sanctionVotes = sqliteTable(
  "sanction_votes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => sanctionProposals.id),
    voter: text("voter").notNull(),
    choice: text("choice").notNull(),
    rationale: text("rationale").notNull(),
    voterIsLead: integer("voter_is_lead", { mode: "boolean" }).notNull(),
    voterIsLegal: integer("voter_is_legal", { mode: "boolean" }).notNull(),
    castAt: integer("cast_at").notNull(),
    viewId: text("view_id").unique(),
  },
  (t) => [index("sanction_votes_proposal").on(t.proposalId)],
);

/** Decisions as DSA statements of reasons; append-only (a reversal is a new decision). */
export const decisions = sqliteTable(
  "decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => sanctionProposals.id),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    rung: text("rung").notNull(),
    puid: text("puid").notNull().unique(),
    /** The statement of reasons, as JSON in the Transparency Database's field names. */
    statement: text("statement").notNull(),
    /** The decision this one reverses or replaces, on appeal. */
    supersedesDecisionId: integer("supersedes_decision_id"),
    decidedAt: integer("decided_at").notNull(),
    appliesFrom: integer("applies_from").notNull(),
    appliesUntil: integer("applies_until"),
  },
  (t) => [index("decisions_account").on(t.accountId, t.decidedAt), index("decisions_decided").on(t.decidedAt)],
);

export const appeals = sqliteTable(
  "appeals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    decisionId: integer("decision_id")
      .notNull()
      .references(() => decisions.id),
    grounds: text("grounds").notNull(),
    openedBy: text("opened_by").notNull(),
    openedAt: integer("opened_at").notNull(),
    reviewer: text("reviewer"),
    outcome: text("outcome"),
    rationale: text("rationale"),
    decidedAt: integer("decided_at"),
  },
  (t) => [index("appeals_decision").on(t.decisionId)],
);

/** Interim protective suspensions on SEV1/SEV2 cases, until a decision confirms or lifts them. */
export const interimSuspensions = sqliteTable(
  "interim_suspensions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    reason: text("reason").notNull(),
    appliedBy: text("applied_by").notNull(),
    appliedAt: integer("applied_at").notNull(),
    /** confirmed or lifted, by a decision; null while in force. */
    resolution: text("resolution"),
    resolvedBy: text("resolved_by"),
    resolvedAt: integer("resolved_at"),
  },
  (t) => [index("interim_case").on(t.caseId)],
);

/** Events API deliveries already handled, so Slack's retries change nothing. */
export const processedSlackEvents = sqliteTable("processed_slack_events", {
  eventId: text("event_id").primaryKey(),
  /** When its handling succeeded (a failed delivery is not recorded, so Slack's retry is handled). */
  receivedAt: integer("received_at").notNull(),
});

/**
 * Signatures of Slack requests still inside their 5-minute timestamp window: a replayed request is refused,
 * and a table (not memory) keeps refusing it across a restart inside that window.
 */
export const seenSlackSignatures = sqliteTable(
  "seen_slack_signatures",
  {
    signature: text("signature").primaryKey(),
    /** The request timestamp plus the window: until then the same signature would pass the timestamp check. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("seen_slack_signatures_expires").on(t.expiresAt)],
);

/** The business-hours calendar SLA clocks and paging read; one row, `default`, seeded from BUSINESS_TZ. */
export const businessCalendars = sqliteTable("business_calendars", {
  id: text("id").primaryKey(),
  timeZone: text("time_zone").notNull(),
  /** JSON: weekday (0 = Sunday) → [{start, end}] local "HH:MM" spans. */
  weeklyHours: text("weekly_hours").notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});

export const holidays = sqliteTable(
  "holidays",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    calendarId: text("calendar_id")
      .notNull()
      .references(() => businessCalendars.id),
    /** YYYY-MM-DD in the calendar's zone. */
    date: text("date").notNull(),
    name: text("name").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("holidays_calendar_date").on(t.calendarId, t.date)],
);

/** One layer of the team's on-call schedule; later positions win where their windows apply. */
export const onCallLayers = sqliteTable(
  "oncall_layers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    timeZone: text("time_zone").notNull(),
    /** always | weekday_evenings | weekends | holidays (the calendar's holidays). */
    windowKind: text("window_kind").notNull(),
    windowFrom: text("window_from"),
    windowTo: text("window_to"),
    /** JSON array of Slack user ids, in hand-off order. */
    users: text("users").notNull(),
    startsAt: integer("starts_at").notNull(),
    lengthHours: integer("length_hours").notNull(),
    handoffTime: text("handoff_time").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Removed layers are kept, so the record shows who was on call when. */
    removedAt: integer("removed_at"),
    removedBy: text("removed_by"),
  },
  (t) => [uniqueIndex("oncall_layers_live_name").on(t.name).where(sql`removed_at IS NULL`)],
);

export const onCallOverrides = sqliteTable(
  "oncall_overrides",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    /** Covers only this person's turns; null covers whoever is primary. */
    replaces: text("replaces"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    cancelledAt: integer("cancelled_at"),
    cancelledBy: text("cancelled_by"),
  },
  (t) => [index("oncall_overrides_ends").on(t.endsAt)],
);

/** A page about a case: who was paged, how far it escalated, and who acknowledged it. */
export const pages = sqliteTable(
  "pages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id),
    /** auto (intake or a severity raise) | manual (`/incident page`). */
    trigger: text("trigger").notNull(),
    requestedBy: text("requested_by").notNull(),
    primaryUser: text("primary_user"),
    secondaryUser: text("secondary_user"),
    ackMinutes: integer("ack_minutes").notNull(),
    /** paging | acknowledged | exhausted (posted to the escalation channel, no ack yet still counts). */
    status: text("status").notNull(),
    /** The last step taken: primary | secondary | escalation_channel (with `step_at` null, none yet). */
    step: text("step").notNull(),
    /** When `step` went out; null until the first rung has, so a retried first rung can tell. */
    stepAt: integer("step_at"),
    ackedBy: text("acked_by"),
    ackedAt: integer("acked_at"),
    createdAt: integer("created_at").notNull(),
    /** Makes the automatic page of a case happen once; null for manual pages. */
    dedupeKey: text("dedupe_key").unique(),
  },
  (t) => [index("pages_case").on(t.caseId), index("pages_status").on(t.status)],
);

/**
 * Where each open case's SLA clocks stand, as the last check of them left it: App Home reads the cases at
 * risk from here instead of recomputing every open case's clocks from its timeline.
 */
export const slaWatch = sqliteTable(
  "sla_watch",
  {
    caseId: integer("case_id")
      .primaryKey()
      .references(() => cases.id),
    /** When the first of its running clocks reaches 90 % of its target; null while none runs. */
    riskAt: integer("risk_at"),
    /** When that clock is due. */
    dueAt: integer("due_at"),
    checkedAt: integer("checked_at").notNull(),
  },
  (t) => [index("sla_watch_risk").on(t.riskAt)],
);

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type AccountRow = typeof accounts.$inferSelect;
export type CasePartyRow = typeof caseParties.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type JobRow = typeof jobs.$inferSelect;
export type UserRoleRow = typeof userRoles.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;
export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;
export type ConsultTeamRow = typeof consultTeams.$inferSelect;
export type ConsultRow = typeof consults.$inferSelect;
export type MediationEntryRow = typeof mediationEntries.$inferSelect;
export type SanctionProposalRow = typeof sanctionProposals.$inferSelect;
export type SanctionVoteRow = typeof sanctionVotes.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type AppealRow = typeof appeals.$inferSelect;
export type InterimSuspensionRow = typeof interimSuspensions.$inferSelect;
export type BusinessCalendarRow = typeof businessCalendars.$inferSelect;
export type HolidayRow = typeof holidays.$inferSelect;
export type OnCallLayerRow = typeof onCallLayers.$inferSelect;
export type OnCallOverrideRow = typeof onCallOverrides.$inferSelect;
export type PageRow = typeof pages.$inferSelect;
