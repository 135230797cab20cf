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

/** Events read and hashed between yields (about 1 ms on a quiet machine), so a slice stays under 5 ms under load. */
export const VERIFY_SLICE_EVENTS = 250;

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
  for (;;) {
    const slice = chainSliceAfter(db, caseId, link.seq, VERIFY_SLICE_EVENTS);
    const step = verifyChainSlice(link, slice, seals);
    if (!step.ok) return { verdict: step, lastHash: slice.at(-1)?.hash ?? null };
    link = step.link;
    if (slice.length < VERIFY_SLICE_EVENTS) break;
    await yieldToEventLoop();
  }
  return { verdict: { ok: true, events: link.seq }, lastHash: link.seq === 0 ? null : link.hash };
}
