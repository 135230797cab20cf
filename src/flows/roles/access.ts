import type { CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { type Action, isAllowed, isRole, type Role, seesOnlyConsultedCases } from "../../core/permissions.ts";
import { wasConsultedOnCase } from "../../store/consults.ts";
import type { Executor } from "../../store/database.ts";
import { roleOf } from "../../store/roles.ts";

export const NOT_PERMITTED = "You are not permitted to do that. A lead can give you a role with `/incident role`.";

export function userRole(tx: Executor, userId: string): Role | undefined {
  const role = roleOf(tx, userId);
  return role !== undefined && isRole(role) ? role : undefined;
}

/** Refuses an action that needs no particular case (opening one, managing roles). */
export function assertMay(tx: Executor, userId: string, action: Action): Role {
  const role = userRole(tx, userId);
  if (!role || !isAllowed(role, action)) fail("not_permitted", NOT_PERMITTED);
  return role;
}

/**
 * Refuses an action on a case. Someone who sees only the cases they were consulted on gets the same
 * answer for a case that exists and one that does not, so the refusal reveals nothing.
 */
export function assertMayOnCase(
  tx: Executor,
  userId: string,
  action: Action,
  record: CaseRow | undefined,
  notFoundMessage: string,
): CaseRow {
  const role = userRole(tx, userId);
  if (seesOnlyConsultedCases(role) || role === undefined) {
    if (!record || !isAllowed(role, action, { consultedOnCase: wasConsultedOnCase(tx, userId, record.id) })) {
      fail("not_permitted", NOT_PERMITTED);
    }
    return record;
  }
  if (!isAllowed(role, action)) fail("not_permitted", NOT_PERMITTED);
  return record ?? fail("not_found", notFoundMessage);
}
