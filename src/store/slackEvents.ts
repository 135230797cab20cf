import { processedSlackEvents } from "../../db/schema.ts";
import type { Executor } from "./database.ts";

/** Records an Events API delivery; false when it was handled before (a Slack retry). */
export function markSlackEventProcessed(tx: Executor, eventId: string, now: number): boolean {
  const result = tx.insert(processedSlackEvents).values({ eventId, receivedAt: now }).onConflictDoNothing().run();
  return result.changes > 0;
}
