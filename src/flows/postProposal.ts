import { z } from "zod";
import type { SanctionProposalRow } from "../../db/schema.ts";
import { fail } from "../core/domainError.ts";
import { JOB } from "../scheduler/jobKinds.ts";
import { buildProposalMessage, type ProposalMessageInput } from "../slack/views/proposalMessage.ts";
import { getCase } from "../store/cases.ts";
import { type Executor, inTransaction } from "../store/database.ts";
import { evidenceOfCase } from "../store/evidence.ts";
import { enqueueJob } from "../store/jobs.ts";
import { accountOf } from "../store/parties.ts";
import { decisionOfProposal, getProposal, setProposalMessage } from "../store/sanctions.ts";
import type { FlowDeps } from "./deps.ts";
import { postToCaseRoom } from "./postMessages.ts";
import { proposalRung, proposalStanding } from "./proposalStanding.ts";

/** `post` puts the proposal in the case's room; `update` re-renders it there after a vote or the decision. */
const proposalJobPayload = z.object({
  proposalId: z.number().int().positive(),
  phase: z.enum(["post", "update"]).default("post"),
});

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

/** Everything the proposal message shows, as it stands now. */
export function loadProposalMessage(tx: Executor, proposalId: number): ProposalMessageInput {
  const proposal = getProposal(tx, proposalId) ?? fail("not_found", `proposal ${proposalId} does not exist`);
  const record = getCase(tx, proposal.caseId) ?? fail("not_found", `case ${proposal.caseId} does not exist`);
  const account = accountOf(tx, proposal.accountId) ?? fail("not_found", `account ${proposal.accountId} is gone`);
  const relied = new Set(proposal.evidenceIds);
  return {
    record,
    proposal,
    rung: proposalRung(proposal),
    account,
    evidenceRefs: evidenceOfCase(tx, record.id)
      .filter((e) => relied.has(e.id))
      .map((e) => `E${e.seq}`),
    standing: proposalStanding(tx, proposal, record),
    puid: decisionOfProposal(tx, proposal.id)?.puid ?? null,
  };
}

/**
 * Job: posts the proposal in the war room (or triage thread) once, then keeps that message current.
 * Each run renders the proposal as it is when it runs, so an update that finds no message yet leaves
 * the work to the post.
 */
export async function postProposal(deps: FlowDeps, payload: unknown): Promise<void> {
  const { proposalId, phase } = proposalJobPayload.parse(payload);
  const input = loadProposalMessage(deps.db, proposalId);
  const message = buildProposalMessage(input);
  const { messageChannelId: channel, messageTs: ts } = input.proposal;
  if (channel && ts) {
    await deps.slack.chat.update({ channel, ts, ...message });
    return;
  }
  if (phase === "update") return;
  const posted = await postToCaseRoom(deps, input.record, message);
  inTransaction(deps.db, (tx) => setProposalMessage(tx, proposalId, { channelId: posted.channel, ts: posted.ts }));
  deps.log.info({ caseId: input.record.humanId, proposalId }, "sanction proposal posted");
}
