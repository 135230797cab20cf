import { asc, eq, inArray, sql } from "drizzle-orm";
import { roleChanges, type UserRoleRow, userRoles } from "../../db/schema.ts";
import type { Role } from "../core/permissions.ts";
import type { Executor } from "./database.ts";
import { inListValues, preparedInListStatement, preparedStatement } from "./preparedStatement.ts";

const roleOfStatement = preparedStatement((db) =>
  db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, sql.placeholder("userId")))
    .prepare(),
);

export function roleOf(tx: Executor, userId: string): Role | undefined {
  return roleOfStatement(tx).get({ userId })?.role;
}

// Everyone the on-call schedule names, read at every App Home: up to a large team's rota, prepared once.
const rolesOfUsers = preparedInListStatement(32, (db, userIds) =>
  db
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(inArray(userRoles.userId, userIds))
    .prepare(),
);

/** The roles of several people in one read; someone without a role is absent. */
export function rolesOf(tx: Executor, userIds: readonly string[]): Map<string, string> {
  if (userIds.length === 0) return new Map();
  const rows = rolesOfUsers(tx, userIds.length).all(inListValues(userIds));
  return new Map(rows.map((r) => [r.userId, r.role]));
}

/** Sets (or, with `role: null`, removes) a person's role and appends the change to role_changes. */
export function setRole(
  tx: Executor,
  change: { userId: string; role: Role | null; changedBy: string; at: number },
): { previous: Role | undefined } {
  const previous = roleOf(tx, change.userId);
  if (change.role === null) {
    tx.delete(userRoles).where(eq(userRoles.userId, change.userId)).run();
  } else {
    tx.insert(userRoles)
      .values({ userId: change.userId, role: change.role, updatedBy: change.changedBy, updatedAt: change.at })
      .onConflictDoUpdate({
        target: userRoles.userId,
        set: { role: change.role, updatedBy: change.changedBy, updatedAt: change.at },
      })
      .run();
  }
  tx.insert(roleChanges)
    .values({
      userId: change.userId,
      role: change.role,
      previousRole: previous ?? null,
      changedBy: change.changedBy,
      at: change.at,
    })
    .run();
  return { previous };
}

export function allRoles(tx: Executor): UserRoleRow[] {
  return tx.select().from(userRoles).orderBy(asc(userRoles.role), asc(userRoles.userId)).all();
}
