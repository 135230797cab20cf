import { inTransaction } from "../../store/database.ts";
import type { FlowDeps } from "../deps.ts";
import { publishHomeJob } from "../jobs/publishHome.ts";

// A person watching their home: a few tries, not the default dozen spread over an hour.
const MAX_ATTEMPTS = 5;

/**
 * Queues `userId`'s App Home to be published in `waitMs` (Slack's Retry-After). False when a publish for them
 * was already queued in this minute: many opens during one rate limit make one publish.
 */
export function publishHomeLater(deps: FlowDeps, userId: string, waitMs: number): boolean {
  const now = deps.clock.now();
  const job = { payload: { userId }, runAt: now + waitMs, maxAttempts: MAX_ATTEMPTS };
  return inTransaction(deps.db, (tx) => publishHomeJob.enqueue(tx, job, now, Math.floor(now / 60_000)));
}
