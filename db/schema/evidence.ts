import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { EVIDENCE_ENTRY_KINDS } from "../../src/core/evidence.ts";
import { caseRef } from "./cases.ts";
import { rowId } from "./columns.ts";

/** One evidence entry (append-only); a redaction is a later entry naming the one it redacts. */
export const evidence = sqliteTable(
  "evidence",
  {
    id: rowId(),
    caseId: caseRef(),
    /** E1, E2, … within the case. */
    seq: integer("seq").notNull(),
    kind: text("kind", { enum: EVIDENCE_ENTRY_KINDS }).notNull(),
    description: text("description").notNull(),
    source: text("source").notNull(),
    link: text("link"),
    redactsEvidenceId: integer("redacts_evidence_id"),
    addedBy: text("added_by").notNull(),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [uniqueIndex("evidence_case_seq").on(t.caseId, t.seq)],
);
export type EvidenceRow = typeof evidence.$inferSelect;

/** Files of an evidence entry, stored once by SHA-256 under EVIDENCE_DIR. */
export const evidenceFiles = sqliteTable(
  "evidence_files",
  {
    id: rowId(),
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
export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;
