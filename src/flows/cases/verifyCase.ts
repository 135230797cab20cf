import type { CaseRow } from "../../../db/schema.ts";
import { type ChainVerdict, verifyChain } from "../../core/auditHash.ts";
import { eventsOfCase, toStoredEvent } from "../../store/events.ts";
import type { FlowDeps } from "../deps.ts";
import { caseFromCommand } from "./caseForAction.ts";

export interface CaseVerification {
  record: CaseRow;
  verdict: ChainVerdict;
  /** The hash of the last event: what an intact record's state can be compared by. */
  lastHash: string | null;
}

/**
 * Recomputes the case's hash chain from the stored events. Reading records nothing; a broken chain
 * is logged for the operators, since it means the database was changed outside the app.
 */
export function verifyCase(
  deps: FlowDeps,
  input: { userId: string; idText: string | undefined; channelId: string },
): CaseVerification {
  const record = caseFromCommand(deps, input, "case.verify");
  const events = eventsOfCase(deps.db, record.id);
  const verdict = verifyChain(events.map(toStoredEvent));
  if (!verdict.ok) {
    deps.log.warn({ caseId: record.humanId, seq: verdict.seq, reason: verdict.reason }, "case record chain broken");
  }
  return { record, verdict, lastHash: events.at(-1)?.hash ?? null };
}
