import { eq } from "drizzle-orm";
import { processedSlackEvents } from "../../db/schema.ts";
import type { Executor } from "./database.ts";

/** True when an Events API delivery with this id was handled before (so a Slack retry changes nothing). */
export function slackEventHandled(tx: Executor, eventId: string): boolean {
  return tx.select().from(processedSlackEvents).where(eq(processedSlackEvents.eventId, eventId)).get() !== undefined;
}

/** Records a delivery once its handling succeeded; false when a concurrent delivery recorded it first. */
export function recordSlackEventHandled(tx: Executor, eventId: string, now: number): boolean {
  const result = tx.insert(processedSlackEvents).values({ eventId, receivedAt: now }).onConflictDoNothing().run();
  return result.changes > 0;
}
