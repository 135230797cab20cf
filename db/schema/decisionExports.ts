import { sql } from "drizzle-orm";
import { blob, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { rowId, sharedFilesSteps } from "./columns.ts";
import { decisions } from "./sanctions.ts";

export const DECISION_EXPORT_OUTCOMES = ["uploaded", "empty", "failed"] as const;
export type DecisionExportOutcome = (typeof DECISION_EXPORT_OUTCOMES)[number];

/**
 * `/incident export decisions` requests, built and uploaded by a job. Each step is recorded as it is done,
 * so a retried job neither posts a second progress message nor uploads the files twice.
 */
export const decisionExports = sqliteTable(
  "decision_exports",
  {
    id: rowId(),
    requestedBy: text("requested_by").notNull(),
    /** Where the command was typed; the files go there only if it is private (else to the requester's DM). */
    requestChannelId: text("request_channel_id").notNull(),
    /** The range as typed (YYYY-MM-DD, UTC, both days included). */
    fromDay: text("from_day").notNull(),
    toDay: text("to_day").notNull(),
    requestedAt: integer("requested_at").notNull(),
    ...sharedFilesSteps(),
    outcome: text("outcome", { enum: DECISION_EXPORT_OUTCOMES }),
    /** Why it failed, as the progress message says it. */
    failure: text("failure"),
  },
  // One export in progress per person, channel and range: a double-submitted command makes one export.
  (t) => [
    uniqueIndex("decision_exports_one_in_progress")
      .on(t.requestedBy, t.requestChannelId, t.fromDay, t.toDay)
      .where(sql`${t.finishedAt} IS NULL`),
  ],
);
export type DecisionExportRow = typeof decisionExports.$inferSelect;

/**
 * Each decision's text in the export files, as UTF-8 bytes the export copies out: the JSON object and CSV row
 * (CRLF included) of its statement of reasons, or, for a decision that restricts nothing, its `left_out` entry
 * (no CSV). Derived, never the record: written when the decision is recorded and again when retention redacts
 * its facts, and `renderer` names the code that wrote them (a fingerprint of its output), so an export writes
 * afresh any decision whose texts are missing or came from other code.
 */
export const decisionExportTexts = sqliteTable("decision_export_texts", {
  decisionId: integer("decision_id")
    .primaryKey()
    .references(() => decisions.id),
  renderer: text("renderer").notNull(),
  json: blob("json", { mode: "buffer" }).notNull(),
  csv: blob("csv", { mode: "buffer" }),
});
