import { z } from "zod";
import type { SanctionProposalRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "proposal.post";

/**
 * `post` puts the proposal in the case's room; `update` re-renders it there after a vote or the decision,
 * its `reason` making the key unique per change: `vote:<vote id>`, `decision`, `rejected`.
 */
export const postProposalJob = defineJob({
  kind,
  payload: z.object({ proposalId: rowId, phase: z.enum(["post", "update"]).default("post") }),
  key: ({ proposalId }, reason?: string) => (reason ? `${kind}:${proposalId}:${reason}` : `${kind}:${proposalId}`),
});

export function enqueueProposalPost(tx: Executor, proposal: SanctionProposalRow, now: number): void {
  const payload = { proposalId: proposal.id, phase: "post" as const };
  postProposalJob.enqueue(tx, { caseId: proposal.caseId, payload, runAt: now }, now);
}

export function enqueueProposalUpdate(tx: Executor, proposal: SanctionProposalRow, reason: string, now: number): void {
  const payload = { proposalId: proposal.id, phase: "update" as const };
  postProposalJob.enqueue(tx, { caseId: proposal.caseId, payload, runAt: now }, now, reason);
}
