import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

/**
 * One row, rewritten by each readiness probe: a write transaction that succeeds proves the database takes writes
 * (no other process holds the write lock, the disk is not full or read-only).
 */
export const readinessHeartbeat = sqliteTable("readiness_heartbeat", {
  id: integer("id").primaryKey(),
  writtenAt: integer("written_at").notNull(),
});
