import { SANCTION_RUNGS } from "../../core/sanctions.ts";
import { VOTE_RATIONALE_MAX } from "../../flows/sanctions/castVote.ts";
import { CALLBACK, VOTE_BLOCK } from "../ids.ts";
import { writeCaseMetadata } from "../listeners/caseMetadata.ts";
import { type ModalView, option, plain, section } from "./blocks.ts";
import { caseHeadline } from "./caseSummary.ts";
import { inputBlock, radioButtons, textInput } from "./inputs.ts";
import { userText } from "./mrkdwn.ts";
import type { ProposalMessageInput } from "./proposalMessage.ts";
import { requirementText, tallyText } from "./proposalMessage.ts";

const CHOICES = [
  option("Approve", "approve"),
  option("Reject", "reject", "A lead's reject blocks the proposal"),
  option("Abstain", "abstain"),
];

/** The vote form, opened from a proposal's Vote button: the proposal in brief, a choice and a rationale. */
export function buildVoteModal(input: ProposalMessageInput): ModalView {
  const { record, proposal, rung, account, standing } = input;
  return {
    type: "modal" as const,
    callback_id: CALLBACK.vote,
    private_metadata: writeCaseMetadata(record, { proposalId: proposal.id }),
    title: plain(`Vote on P${proposal.seq}`, 24),
    submit: plain("Vote", 24),
    close: plain("Cancel", 24),
    blocks: [
      section(
        [
          `*${caseHeadline(record)}*`,
          `*P${proposal.seq}:* ${SANCTION_RUNGS[rung].label} for ${account.role} \`${userText(account.accountRef, 64)}\``,
          `*Facts:* ${userText(proposal.facts, 1500)}`,
          `*Approval needed:* ${requirementText(standing.requirement)}`,
          tallyText(standing.tally, input.puid),
        ].join("\n"),
      ),
      inputBlock(VOTE_BLOCK.choice, "Your vote", radioButtons(CHOICES)),
      inputBlock(
        VOTE_BLOCK.rationale,
        "Rationale",
        textInput("Why: kept with the vote in the case record", VOTE_RATIONALE_MAX, true),
      ),
    ],
  };
}
