import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
