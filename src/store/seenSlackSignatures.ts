import { eq, lt } from "drizzle-orm";
import { seenSlackSignatures } from "../../db/schema.ts";
import type { Executor } from "./database.ts";

/**
 * Remembers a request signature until `expiresAt`; false when it was already remembered (a replay).
 * Signatures whose window has passed are forgotten first: the timestamp check refuses those requests anyway.
 */
export function rememberSlackSignature(tx: Executor, signature: string, expiresAt: number, now: number): boolean {
  tx.delete(seenSlackSignatures).where(lt(seenSlackSignatures.expiresAt, now)).run();
  const result = tx.insert(seenSlackSignatures).values({ signature, expiresAt }).onConflictDoNothing().run();
  return result.changes > 0;
}

/** Whether a signature is remembered: a read, so it answers while another process holds the write lock. */
export function slackSignatureSeen(tx: Executor, signature: string): boolean {
  return (
    tx
      .select({ signature: seenSlackSignatures.signature })
      .from(seenSlackSignatures)
      .where(eq(seenSlackSignatures.signature, signature))
      .get() !== undefined
  );
}
