import type { Category } from "./categories.ts";
import { type Severity, needsWarRoomAtIntake as severityNeedsWarRoom } from "./severity.ts";

/** SEV1/SEV2 always get a war room at once, and so does every sensitive category (DESIGN §3). */
export function warRoomAtIntake(category: Category, severity: Severity): boolean {
  return severityNeedsWarRoom(severity) || category.sensitive;
}
