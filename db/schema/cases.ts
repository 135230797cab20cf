import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ACCOUNT_ROLES, CASE_SOURCES, PARTY_ROLES } from "../../src/core/intake.ts";
import { CASE_STATUSES, isOpenStatus } from "../../src/core/lifecycle.ts";
import { SEVERITIES } from "../../src/core/severity.ts";
import { TIMELINE_EVENT_KINDS } from "../../src/core/timelineEvents.ts";
import { rowId } from "./columns.ts";

// All instants are integer milliseconds since the epoch (UTC), read from the injected clock.

/**
 * The statuses of finished cases as SQL literals: SQLite uses a partial index only for a query that repeats
 * the index's WHERE term, and a bound parameter never matches a literal there.
 */
export const CLOSED_CASE_STATUS_LIST = sql.raw(
  CASE_STATUSES.filter((s) => !isOpenStatus(s))
    .map((s) => `'${s}'`)
    .join(", "),
);

export const cases = sqliteTable(
  "cases",
  {
    id: rowId(),
    humanId: text("human_id").notNull().unique(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    /** An id of the catalog version in `category_version`, so not a closed set across versions. */
    category: text("category").notNull(),
    categoryVersion: text("category_version").notNull(),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    status: text("status", { enum: CASE_STATUSES }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    source: text("source", { enum: CASE_SOURCES }).notNull(),
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
    // Open cases are few beside years of closed ones: the queue, its counts and a user's own cases read these.
    index("cases_open_created").on(t.createdAt).where(sql`${t.status} NOT IN (${CLOSED_CASE_STATUS_LIST})`),
    index("cases_open_severity")
      .on(t.severity, t.createdAt)
      .where(sql`${t.status} NOT IN (${CLOSED_CASE_STATUS_LIST})`),
    index("cases_open_creator")
      .on(t.createdBy, t.createdAt)
      .where(sql`${t.status} NOT IN (${CLOSED_CASE_STATUS_LIST})`),
    index("cases_open_owner").on(t.ownerId, t.createdAt).where(sql`${t.status} NOT IN (${CLOSED_CASE_STATUS_LIST})`),
  ],
);
export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;

/**
 * How many cases stand at each status and severity, kept by triggers on `cases` in the writing transaction (the
 * case_counts migration), so the queue's counts read a few rows, not every open case. A pair's row stays at 0
 * once its last case moves on.
 */
export const caseCounts = sqliteTable(
  "case_counts",
  {
    status: text("status", { enum: CASE_STATUSES }).notNull(),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.status, t.severity] })],
);
export type CaseCountRow = typeof caseCounts.$inferSelect;

export const accounts = sqliteTable(
  "accounts",
  {
    id: rowId(),
    accountRef: text("account_ref").notNull(),
    role: text("role", { enum: ACCOUNT_ROLES }).notNull(),
    displayName: text("display_name").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("accounts_role_ref").on(t.role, t.accountRef)],
);
export type AccountRow = typeof accounts.$inferSelect;

/** The columns most tables repeat: the case or account a row belongs to. */
export const caseRef = () =>
  integer("case_id")
    .notNull()
    .references(() => cases.id);
export const accountRef = () =>
  integer("account_id")
    .notNull()
    .references(() => accounts.id);

export const caseParties = sqliteTable(
  "case_parties",
  {
    id: rowId(),
    caseId: caseRef(),
    accountId: accountRef(),
    partyRole: text("party_role", { enum: PARTY_ROLES }).notNull(),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [
    uniqueIndex("case_parties_unique").on(t.caseId, t.accountId, t.partyRole),
    // An account's history reads its cases newest first straight off the index (case ids follow opening order).
    index("case_parties_account").on(t.accountId, t.caseId),
    index("case_parties_case").on(t.caseId),
  ],
);
export type CasePartyRow = typeof caseParties.$inferSelect;

/** The audit timeline: append-only (triggers refuse UPDATE and DELETE), hash-chained per case. */
export const caseEvents = sqliteTable(
  "case_events",
  {
    id: rowId(),
    caseId: caseRef(),
    seq: integer("seq").notNull(),
    at: integer("at").notNull(),
    actor: text("actor").notNull(),
    kind: text("kind", { enum: TIMELINE_EVENT_KINDS }).notNull(),
    // Plain text, not json mode: the hash covers these exact bytes (canonical JSON, keys sorted), which
    // drizzle's JSON.stringify would not reproduce, and verifying the chain reads them back unparsed.
    payload: text("payload").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("case_events_case_seq").on(t.caseId, t.seq),
    // A retried job or resubmitted modal finds its event among the case's events of one kind, not all of them.
    index("case_events_case_kind").on(t.caseId, t.kind, t.seq),
  ],
);
export type CaseEventRow = typeof caseEvents.$inferSelect;
