import type { PayloadOf } from "../../flows/jobs/defineJob.ts";
import type { postProposalJob } from "../../flows/jobs/postProposal.ts";
import { loadProposalMessage } from "../../flows/sanctions/loadProposalMessage.ts";
import { recordProposalPost } from "../../flows/sanctions/proposalPostJob.ts";
import type { SlackDeps } from "../slackDeps.ts";
import { buildProposalMessage } from "../views/proposalMessage.ts";
import { postToCaseRoom } from "./postMessages.ts";

/**
 * Job: posts the proposal in the war room (or triage thread) once, then keeps that message current.
 * Each run renders the proposal as it is when it runs, so an update that finds no message yet leaves
 * the work to the post.
 */
export async function postProposal(deps: SlackDeps, payload: PayloadOf<typeof postProposalJob>): Promise<void> {
  const { proposalId, phase } = payload;
  const input = loadProposalMessage(deps.db, proposalId);
  const message = buildProposalMessage(input);
  const { messageChannelId: channel, messageTs: ts } = input.proposal;
  if (channel && ts) {
    await deps.slack.chat.update({ channel, ts, ...message });
    return;
  }
  if (phase === "update") return;
  const posted = await postToCaseRoom(deps, input.record, message);
  recordProposalPost(deps, proposalId, posted);
  deps.log.info({ caseId: input.record.humanId, proposalId }, "sanction proposal posted");
}
