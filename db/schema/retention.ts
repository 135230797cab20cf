import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { caseEvents, caseRef, cases } from "./cases.ts";
import { rowId } from "./columns.ts";

/** A lead's legal hold on a case: while one is unreleased, retention never redacts the case. */
export const legalHolds = sqliteTable(
  "legal_holds",
  {
    id: rowId(),
    caseId: caseRef(),
    reason: text("reason").notNull(),
    placedBy: text("placed_by").notNull(),
    placedAt: integer("placed_at").notNull(),
    releasedBy: text("released_by"),
    releasedAt: integer("released_at"),
  },
  (t) => [index("legal_holds_case").on(t.caseId, t.releasedAt)],
);
export type LegalHoldRow = typeof legalHolds.$inferSelect;

/** A case whose personal data retention redacted (once); its row lets the append-only triggers allow that rewrite. */
export const caseRedactions = sqliteTable("case_redactions", {
  caseId: integer("case_id")
    .primaryKey()
    .references(() => cases.id),
  redactedAt: integer("redacted_at").notNull(),
});

/** The payload a timeline event reads after retention: the only UPDATE the case_events trigger lets through. */
export const caseEventRedactions = sqliteTable("case_event_redactions", {
  eventId: integer("event_id")
    .primaryKey()
    .references(() => caseEvents.id),
  caseId: caseRef(),
  sealedPayload: text("sealed_payload").notNull(),
});
