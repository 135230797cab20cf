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

/** Events API deliveries already handled, so Slack's retries change nothing. */
export const processedSlackEvents = sqliteTable("processed_slack_events", {
  eventId: text("event_id").primaryKey(),
  receivedAt: integer("received_at").notNull(),
});

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type AccountRow = typeof accounts.$inferSelect;
export type CasePartyRow = typeof caseParties.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type JobRow = typeof jobs.$inferSelect;
