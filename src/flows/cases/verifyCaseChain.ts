import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import {
  CHAIN_START,
  type ChainLink,
  type ChainVerdict,
  SEALING_EVENT_KIND,
  sealsOf,
  verifyChainSlice,
} from "../../core/auditHash.ts";
import type { Executor } from "../../store/database.ts";
import { chainSliceAfter, eventsOfKind, toStoredEvent } from "../../store/events.ts";

/** Events read and hashed in one step: about 1 ms on a quiet machine. */
export const VERIFY_SLICE_EVENTS = 250;
/**
 * How long verify may hold the event loop before it yields: steps run back to back while the next one, as long
 * as the last, still ends within it. Yielding after every step cost more than the hashing under load.
 */
export const VERIFY_HOLD_MS = 4;

export interface ChainCheck {
  verdict: ChainVerdict;
  /** The hash of the last event: what an intact record's state can be compared by. */
  lastHash: string | null;
}

/**
 * Recomputes a case's hash chain from the stored events, a slice at a time with the event loop free between
 * slices. Events appended meanwhile extend the chain and are verified too. A redacted event is checked against
 * the seal its redaction recorded (see docs/data-model.md, "Retention and redaction").
 */
export async function verifyCaseChain(db: Executor, caseId: number): Promise<ChainCheck> {
  // Read first, trusted only as far as the chain then verifies them: a forged seal breaks its own event's hash.
  const seals = sealsOf(eventsOfKind(db, caseId, SEALING_EVENT_KIND).map(toStoredEvent));
  let link: ChainLink = CHAIN_START;
  let heldSince = performance.now();
  for (;;) {
    const stepStarted = performance.now();
    const slice = chainSliceAfter(db, caseId, link.seq, VERIFY_SLICE_EVENTS);
    const step = verifyChainSlice(link, slice, seals);
    if (!step.ok) return { verdict: step, lastHash: slice.at(-1)?.hash ?? null };
    link = step.link;
    if (slice.length < VERIFY_SLICE_EVENTS) break;
    const now = performance.now();
    if (now - heldSince + (now - stepStarted) > VERIFY_HOLD_MS) {
      await yieldToEventLoop();
      heldSince = performance.now();
    }
  }
  return { verdict: { ok: true, events: link.seq }, lastHash: link.seq === 0 ? null : link.hash };
}
