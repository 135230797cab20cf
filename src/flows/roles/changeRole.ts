import { fail } from "../../core/domainError.ts";
import { mayGrantRole, ROLE_LABELS, type Role } from "../../core/permissions.ts";
import { inTransaction } from "../../store/database.ts";
import { allRoles, setRole } from "../../store/roles.ts";
import type { FlowDeps } from "../deps.ts";
import { isOnSchedule } from "../onCall/onCallRoster.ts";
import { onScheduleChanged } from "../onCall/shiftReminders.ts";
import { NOT_PERMITTED, userRole } from "./access.ts";

export interface ChangeRoleInput {
  actor: string;
  target: string;
  /** null removes the person's role (they may then do nothing). */
  role: Role | null;
}

/** `/incident role @user <role>`: leads manage roles, only admins make or unmake admins. */
export function changeRole(deps: FlowDeps, input: ChangeRoleInput): { previous: Role | undefined } {
  const now = deps.clock.now();
  return inTransaction(deps.db, (tx) => {
    const actorRole = userRole(tx, input.actor);
    const current = userRole(tx, input.target);
    if (!mayGrantRole(actorRole, input.role ?? "observer", current)) fail("not_permitted", NOT_PERMITTED);
    if (input.role !== null && current === input.role) {
      fail("conflict", `<@${input.target}> is already ${ROLE_LABELS[input.role].toLowerCase()}.`);
    }
    if (input.target === input.actor && current === "admin" && input.role !== "admin") {
      fail("conflict", "Admins cannot remove their own admin role; ask another admin.");
    }
    // A role would let the bot be put on call or act for people; removing one it was given stays possible.
    if (input.target === deps.botUserId && input.role !== null) {
      fail("invalid_input", "Incident Desk itself cannot have a role; give it to a person.");
    }
    setRole(tx, { userId: input.target, role: input.role, changedBy: input.actor, at: now });
    // Whether they can take pages may have changed: plan the shift reminders again for whoever now holds them.
    if (isOnSchedule(tx, now, input.target)) onScheduleChanged(tx, deps, now);
    deps.log.info({ target: input.target, role: input.role, by: input.actor }, "role changed");
    return { previous: current };
  });
}

/** Makes sure everyone in ADMIN_USER_IDS is an admin (run at start). */
export function bootstrapAdmins(deps: FlowDeps): void {
  const now = deps.clock.now();
  inTransaction(deps.db, (tx) => {
    for (const userId of deps.config.adminUserIds) {
      if (userRole(tx, userId) !== "admin")
        setRole(tx, { userId, role: "admin", changedBy: "ADMIN_USER_IDS", at: now });
    }
  });
}

export function listRoles(deps: FlowDeps, actor: string): Array<{ userId: string; role: string }> {
  const actorRole = userRole(deps.db, actor);
  if (actorRole !== "admin" && actorRole !== "lead") fail("not_permitted", NOT_PERMITTED);
  return allRoles(deps.db).map((r) => ({ userId: r.userId, role: r.role }));
}
