import { inTransaction, isDatabaseBusy } from "../../store/database.ts";
import { rememberSlackSignature, slackSignatureSeen } from "../../store/seenSlackSignatures.ts";
import type { FlowDeps } from "../deps.ts";

/**
 * The replay check of verified requests. While another process holds the write lock, a new signature is
 * checked by a read and kept in memory, then written with the next request that finds the database free:
 * a lock held elsewhere neither fails every request nor lets a replay through to this process.
 */
export class SlackSignatureLedger {
  /** Signature → expiresAt, for signatures accepted while the database was busy. */
  private readonly unwritten = new Map<string, number>();

  constructor(private readonly deps: FlowDeps) {}

  /** Records a verified request's signature until `expiresAt`; false when it was recorded before (a replay). */
  record(signature: string, expiresAt: number, now: number): boolean {
    if (this.unwritten.has(signature)) return false;
    try {
      const firstSeen = inTransaction(this.deps.db, (tx) => {
        for (const [earlier, earlierExpiresAt] of this.unwritten) {
          rememberSlackSignature(tx, earlier, earlierExpiresAt, now);
        }
        return rememberSlackSignature(tx, signature, expiresAt, now);
      });
      this.unwritten.clear();
      return firstSeen;
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
      this.deps.log.warn({ unwritten: this.unwritten.size }, "database busy; request signature kept in memory");
      if (slackSignatureSeen(this.deps.db, signature)) return false;
      this.forgetExpired(now);
      this.unwritten.set(signature, expiresAt);
      return true;
    }
  }

  private forgetExpired(now: number): void {
    for (const [signature, expiresAt] of this.unwritten) if (expiresAt < now) this.unwritten.delete(signature);
  }
}
