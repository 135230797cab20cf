import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { LOWEST_SEVERITY_RANK } from "../../src/core/severity.ts";
import { cases } from "./cases.ts";
import { rowId } from "./columns.ts";

/** Durable work: every Slack side effect and timed action is a row here, claimed with a lease. */
export const jobs = sqliteTable(
  "jobs",
  {
    id: rowId(),
    kind: text("kind").notNull(),
    /** Each kind's handler parses its own payload with zod, so the column promises only an object. */
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    caseId: integer("case_id").references(() => cases.id),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    runAt: integer("run_at").notNull(),
    /** The case's severity rank when queued (1 = SEV1): the runner claims lower numbers first. */
    priority: integer("priority").notNull().default(LOWEST_SEVERITY_RANK),
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
    // The runner claims due jobs by priority, then run_at, then id; kind,
    // case and lease let it pass over held-back work on the index entry, without reading the row.
    index("jobs_claim")
      .on(t.priority, t.runAt, t.id, t.kind, t.caseId, t.leaseUntil)
      .where(sql`done_at IS NULL AND failed_at IS NULL`),
    // Whether a kind held back for Slack's budget has due work, without walking other kinds' backlog.
    index("jobs_kind_due").on(t.kind, t.runAt).where(sql`done_at IS NULL AND failed_at IS NULL`),
    // The leases held now (a few: the runner's concurrency), for when the first one runs out.
    index("jobs_leased").on(t.leaseUntil).where(sql`done_at IS NULL AND failed_at IS NULL AND lease_until IS NOT NULL`),
    index("jobs_case").on(t.caseId),
    // A case summary lists the case's failed side effects, latest first.
    index("jobs_case_failed").on(t.caseId, t.failedAt).where(sql`failed_at IS NOT NULL`),
  ],
);
export type JobRow = typeof jobs.$inferSelect;
