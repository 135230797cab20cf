import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
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
    // A case summary lists the case's failed side effects, latest first.
    index("jobs_case_failed").on(t.caseId, t.failedAt).where(sql`failed_at IS NOT NULL`),
  ],
);
export type JobRow = typeof jobs.$inferSelect;
