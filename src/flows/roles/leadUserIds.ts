import type { Executor } from "../../store/database.ts";
import { allRoles } from "../../store/roles.ts";

/** Who hears of escalations: everyone with the lead role. */
export function leadUserIds(tx: Executor): string[] {
  return allRoles(tx)
    .filter((r) => r.role === "lead")
    .map((r) => r.userId);
}
