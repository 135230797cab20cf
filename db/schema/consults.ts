import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CONSULT_STATUSES } from "../../src/core/consultStatus.ts";
import { CASE_STATUSES } from "../../src/core/lifecycle.ts";
import { caseRef } from "./cases.ts";
import { rowId } from "./columns.ts";

/** Teams that answer consults (Legal, Payments, Product, ...), reached through a user group or a channel. */
export const consultTeams = sqliteTable("consult_teams", {
  id: rowId(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  slackUsergroupId: text("slack_usergroup_id"),
  slackChannelId: text("slack_channel_id"),
  updatedBy: text("updated_by").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
export type ConsultTeamRow = typeof consultTeams.$inferSelect;

export const consults = sqliteTable(
  "consults",
  {
    id: rowId(),
    caseId: caseRef(),
    teamId: integer("team_id")
      .notNull()
      .references(() => consultTeams.id),
    question: text("question").notNull(),
    dueAt: integer("due_at").notNull(),
    status: text("status", { enum: CONSULT_STATUSES }).notNull(),
    requestedBy: text("requested_by").notNull(),
    requestedAt: integer("requested_at").notNull(),
    /** The case status to return to once the consult is answered. */
    resumeStatus: text("resume_status", { enum: CASE_STATUSES }).notNull(),
    answer: text("answer"),
    answeredBy: text("answered_by"),
    answeredAt: integer("answered_at"),
    pingChannelId: text("ping_channel_id"),
    pingTs: text("ping_ts"),
  },
  (t) => [index("consults_case").on(t.caseId, t.requestedAt), index("consults_open_due").on(t.status, t.dueAt)],
);
export type ConsultRow = typeof consults.$inferSelect;

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
