import type { SanctionProposalRow } from "../../../db/schema.ts";
import type { PostedMessage } from "../../core/postedMessage.ts";
import { JOB, JOB_PAYLOADS } from "../../scheduler/jobKinds.ts";
import { type Executor, inTransaction } from "../../store/database.ts";
import { setProposalMessage } from "../../store/sanctions.ts";
import type { FlowDeps } from "../deps.ts";
import { enqueueJob } from "../enqueueJob.ts";

export const proposalPostPayload = JOB_PAYLOADS[JOB.postProposal];

export function enqueueProposalPost(tx: Executor, proposal: SanctionProposalRow, now: number): void {
  enqueueJob(
    tx,
    {
      kind: JOB.postProposal,
      caseId: proposal.caseId,
      payload: { proposalId: proposal.id, phase: "post" },
      key: `${JOB.postProposal}:${proposal.id}`,
      runAt: now,
    },
    now,
  );
}

/** `reason` makes the key unique per change: `vote:<vote id>`, `decision`, `rejected`. */
export function enqueueProposalUpdate(tx: Executor, proposal: SanctionProposalRow, reason: string, now: number): void {
  enqueueJob(
    tx,
    {
      kind: JOB.postProposal,
      caseId: proposal.caseId,
      payload: { proposalId: proposal.id, phase: "update" },
      key: `${JOB.postProposal}:${proposal.id}:${reason}`,
      runAt: now,
    },
    now,
  );
}

/** Remembers where the proposal was posted, so later runs update that message. */
export function recordProposalPost(deps: FlowDeps, proposalId: number, posted: PostedMessage): void {
  inTransaction(deps.db, (tx) => setProposalMessage(tx, proposalId, { channelId: posted.channel, ts: posted.ts }));
}
