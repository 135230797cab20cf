import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { CaseRow } from "../../../db/schema.ts";
import {
  CHAIN_START,
  type ChainLink,
  type ChainVerdict,
  SEALING_EVENT_KIND,
  sealsOf,
  verifyChainSlice,
} from "../../core/auditHash.ts";
import { chainSliceAfter, eventsOfKind, toStoredEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";
import { caseFromCommand } from "./caseForAction.ts";

/** Events read and hashed between yields (about 1 ms on a quiet machine), so a slice stays under 5 ms under load. */
export const VERIFY_SLICE_EVENTS = 250;

export interface CaseVerification {
  record: CaseRow;
  verdict: ChainVerdict;
  /** The hash of the last event: what an intact record's state can be compared by. */
  lastHash: string | null;
}

/**
 * Recomputes the case's hash chain from the stored events, a slice at a time with the event loop free
 * between slices. Reading records nothing; a broken chain is logged for the operators, since it means
 * the database was changed outside the app. Events appended meanwhile extend the chain and are verified too.
 */
export async function verifyCase(
  deps: FlowDeps,
  input: { userId: string; idText: string | undefined; channelId: string },
): Promise<CaseVerification> {
  const record = caseFromCommand(deps, input, "case.verify");
  // Read first, trusted only as far as the chain then verifies them: a forged seal breaks its own event's hash.
  const seals = sealsOf(eventsOfKind(deps.db, record.id, SEALING_EVENT_KIND).map(toStoredEvent));
  let link: ChainLink = CHAIN_START;
  for (;;) {
    const slice = chainSliceAfter(deps.db, record.id, link.seq, VERIFY_SLICE_EVENTS);
    const step = verifyChainSlice(link, slice, seals);
    if (!step.ok) {
      deps.log.warn({ caseId: record.humanId, seq: step.seq, reason: step.reason }, "case record chain broken");
      return { record, verdict: step, lastHash: slice.at(-1)?.hash ?? null };
    }
    link = step.link;
    if (slice.length < VERIFY_SLICE_EVENTS) break;
    await yieldToEventLoop();
  }
  const intact: ChainVerdict = { ok: true, events: link.seq };
  return { record, verdict: intact, lastHash: link.seq === 0 ? null : link.hash };
}
