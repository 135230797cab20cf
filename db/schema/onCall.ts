import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { LAYER_WINDOW_KINDS } from "../../src/core/onCall.ts";
import { PAGE_STATUSES, PAGE_STEPS, PAGE_TRIGGERS } from "../../src/core/paging.ts";
import { caseRef } from "./cases.ts";
import { rowId } from "./columns.ts";

/** One layer of the team's on-call schedule; later positions win where their windows apply. */
export const onCallLayers = sqliteTable(
  "oncall_layers",
  {
    id: rowId(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    timeZone: text("time_zone").notNull(),
    /** `holidays` means the calendar's holidays. */
    windowKind: text("window_kind", { enum: LAYER_WINDOW_KINDS }).notNull(),
    windowFrom: text("window_from"),
    windowTo: text("window_to"),
    /** Slack user ids, in hand-off order. */
    users: text("users", { mode: "json" }).$type<readonly string[]>().notNull(),
    startsAt: integer("starts_at").notNull(),
    lengthHours: integer("length_hours").notNull(),
    handoffTime: text("handoff_time").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Removed layers are kept, so the record shows who was on call when. */
    removedAt: integer("removed_at"),
    removedBy: text("removed_by"),
  },
  (t) => [uniqueIndex("oncall_layers_live_name").on(t.name).where(sql`removed_at IS NULL`)],
);
export type OnCallLayerRow = typeof onCallLayers.$inferSelect;

export const onCallOverrides = sqliteTable(
  "oncall_overrides",
  {
    id: rowId(),
    userId: text("user_id").notNull(),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    /** Covers only this person's turns; null covers whoever is primary. */
    replaces: text("replaces"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    cancelledAt: integer("cancelled_at"),
    cancelledBy: text("cancelled_by"),
  },
  (t) => [index("oncall_overrides_ends").on(t.endsAt)],
);
export type OnCallOverrideRow = typeof onCallOverrides.$inferSelect;

/** A page about a case: who was paged, how far it escalated, and who acknowledged it. */
export const pages = sqliteTable(
  "pages",
  {
    id: rowId(),
    caseId: caseRef(),
    trigger: text("trigger", { enum: PAGE_TRIGGERS }).notNull(),
    requestedBy: text("requested_by").notNull(),
    primaryUser: text("primary_user"),
    secondaryUser: text("secondary_user"),
    ackMinutes: integer("ack_minutes").notNull(),
    /** exhausted: posted to the escalation channel; an ack after that still counts. */
    status: text("status", { enum: PAGE_STATUSES }).notNull(),
    /** The last step taken (with `step_at` null, none yet). */
    step: text("step", { enum: PAGE_STEPS }).notNull(),
    /** When `step` went out; null until the first rung has, so a retried first rung can tell. */
    stepAt: integer("step_at"),
    ackedBy: text("acked_by"),
    ackedAt: integer("acked_at"),
    createdAt: integer("created_at").notNull(),
    /** Makes the automatic page of a case happen once; null for manual pages. */
    dedupeKey: text("dedupe_key").unique(),
  },
  (t) => [
    index("pages_case").on(t.caseId),
    index("pages_status").on(t.status),
    // Reports read the pages of a period.
    index("pages_created").on(t.createdAt),
  ],
);
export type PageRow = typeof pages.$inferSelect;
