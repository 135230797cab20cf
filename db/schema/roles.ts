import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ROLES } from "../../src/core/permissions.ts";
import { rowId } from "./columns.ts";

/** Each person's one role in Incident Desk; someone without a row may do nothing. */
export const userRoles = sqliteTable("user_roles", {
  userId: text("user_id").primaryKey(),
  role: text("role", { enum: ROLES }).notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
export type UserRoleRow = typeof userRoles.$inferSelect;

/** Every role change, append-only (triggers refuse UPDATE and DELETE). */
export const roleChanges = sqliteTable(
  "role_changes",
  {
    id: rowId(),
    userId: text("user_id").notNull(),
    role: text("role", { enum: ROLES }),
    previousRole: text("previous_role", { enum: ROLES }),
    changedBy: text("changed_by").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("role_changes_user").on(t.userId)],
);
