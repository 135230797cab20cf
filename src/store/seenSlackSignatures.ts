import { eq, lt, sql } from "drizzle-orm";
import { seenSlackSignatures } from "../../db/schema.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

/**
 * Remembers a request signature until `expiresAt`; false when it was already remembered (a replay).
 * Signatures whose window has passed are forgotten first: the timestamp check refuses those requests anyway.
 */
export function rememberSlackSignature(tx: Executor, signature: string, expiresAt: number, now: number): boolean {
  forgetExpired(tx).run({ now });
  return remember(tx).run({ signature, expiresAt }).changes > 0;
}

// Both run before every request's answer: prepared once.
const forgetExpired = preparedStatement((db) =>
  db
    .delete(seenSlackSignatures)
    .where(lt(seenSlackSignatures.expiresAt, sql.placeholder("now")))
    .prepare(),
);

const remember = preparedStatement((db) =>
  db
    .insert(seenSlackSignatures)
    .values({ signature: sql.placeholder("signature"), expiresAt: sql.placeholder("expiresAt") })
    .onConflictDoNothing()
    .prepare(),
);

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
