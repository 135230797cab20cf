import { fail } from "../../core/domainError.ts";
import { isAllowed } from "../../core/permissions.ts";
import type { Executor } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { userRole } from "../roles/access.ts";

/** Only people whose role may answer a page can be put on the schedule. */
export function assertCanTakePages(tx: Executor, deps: FlowDeps, userIds: readonly string[]): void {
  for (const userId of userIds) {
    if (userId === deps.botUserId) fail("invalid_input", "Incident Desk itself cannot be on call; name a person.");
    if (!isAllowed(userRole(tx, userId), "page.send")) {
      fail(
        "invalid_input",
        `<@${userId}> has no role that can answer a page; a lead can make them a specialist with \`/incident role\`.`,
      );
    }
  }
}
