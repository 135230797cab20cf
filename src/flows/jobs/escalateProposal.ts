import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { defineJob, rowId } from "./defineJob.ts";

const kind = "proposal.escalate";

/** A proposal still undecided when it runs goes to the leads. */
export const escalateProposalJob = defineJob({
  kind,
  payload: z.object({ proposalId: rowId }),
  key: ({ proposalId }) => `${kind}:${proposalId}`,
});

export function enqueueProposalEscalation(
  tx: Executor,
  proposal: { caseId: number; proposalId: number },
  runAt: number,
  now: number,
): void {
  escalateProposalJob.enqueue(
    tx,
    { caseId: proposal.caseId, payload: { proposalId: proposal.proposalId }, runAt },
    now,
  );
}
