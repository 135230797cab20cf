import type { SanctionProposalRow } from "../../../db/schema.ts";
import { policyClauseTitle } from "../../core/categories.ts";
import { type ApprovalRequirement, SANCTION_RUNGS, type SanctionRung, type Tally } from "../../core/sanctions.ts";
import type { ProposalMessageInput } from "../../flows/sanctions/loadProposalMessage.ts";
import type { ProposalStanding } from "../../flows/sanctions/proposalStanding.ts";
import { ACTION } from "../ids.ts";
import { actions, type Block, button, context, fields, header, section } from "./blocks.ts";
import type { SlackMessage } from "./consultMessages.ts";
import { mention, slackDate, userText } from "./mrkdwn.ts";

// The vote modal and the views tests render from the same read model.
export type { ProposalMessageInput };

const CHOICE_LABELS: Readonly<Record<string, string>> = {
  approve: ":white_check_mark: approves",
  reject: ":x: rejects",
  abstain: ":heavy_minus_sign: abstains",
};

/** "2 approvers other than the proposer, one of them a lead, and Legal's acknowledgement". */
export function requirementText(r: ApprovalRequirement): string {
  const parts =
    r.approvers === 0
      ? ["the proposer decides alone"]
      : [`${r.approvers} approver${r.approvers === 1 ? "" : "s"} other than the proposer`];
  if (r.lead) parts.push("one of them a lead");
  if (r.legal) parts.push("Legal's acknowledgement");
  return parts.join(", ");
}

/** "Still needed: …", "Approved", "Rejected by …": one line of where the votes stand. */
export function tallyText(tally: Tally, puid: string | null): string {
  if (tally.outcome === "pending") return `*Still needed:* ${tally.missing.join(", ")}`;
  if (tally.outcome === "rejected") return `*Rejected* by ${mention(tally.by)} (a lead's reject blocks)`;
  return puid ? `*Approved* · decision \`${puid}\`` : "*Approved*";
}

export const proposalLabel = (proposal: SanctionProposalRow, rung: SanctionRung) =>
  `P${proposal.seq} · ${SANCTION_RUNGS[rung].label}`;

function clauseLines(clauses: readonly string[]): string {
  return clauses.map((id) => `• \`${id}\` ${policyClauseTitle(id) ?? ""}`.trimEnd()).join("\n");
}

function voteLines(standing: ProposalStanding): Block[] {
  if (standing.latestVotes.length === 0) return [section("*Votes:* none yet")];
  const lines = standing.latestVotes.map((v) => {
    const roles = [v.voterIsLead ? "lead" : "", v.voterIsLegal ? "Legal" : ""].filter(Boolean).join(", ");
    return `• ${mention(v.voter)}${roles ? ` (${roles})` : ""} ${CHOICE_LABELS[v.choice] ?? v.choice}: ${userText(v.rationale, 250)}`;
  });
  return [section(`*Votes* (latest per voter)\n${lines.join("\n")}`)];
}

/**
 * The proposal as the war room sees it: the account by its platform ref (never a display name), the
 * clauses, the facts, what approval it needs and where the votes stand, with a Vote button while open.
 */
export function buildProposalMessage(input: ProposalMessageInput): SlackMessage {
  const { record, proposal, rung, account, standing } = input;
  const { clauses } = proposal;
  const flags = [proposal.guaranteeClaim ? "Guarantee claim" : "", proposal.legalFlag ? "legal flag" : ""].filter(
    Boolean,
  );
  const undecided = proposal.status === "open" || proposal.status === "escalated";
  const blocks: Block[] = [
    header(`Sanction proposal ${proposalLabel(proposal, rung)}`),
    fields([
      ["Case", record.humanId],
      ["Rung", SANCTION_RUNGS[rung].label],
      ["Account", `${account.role} \`${userText(account.accountRef, 64)}\``],
      ["Proposed", `${slackDate(proposal.proposedAt)} by ${mention(proposal.proposedBy)}`],
    ]),
    section(`*Policy clauses violated*\n${clauseLines(clauses)}`),
    section(`*Facts*\n${userText(proposal.facts, 2800)}`),
    context(
      `Evidence relied on: ${input.evidenceRefs.length > 0 ? input.evidenceRefs.join(", ") : "none listed"}`,
      `Flags: ${flags.length > 0 ? flags.join(", ") : "none"}`,
    ),
    section(`*Approval needed:* ${requirementText(standing.requirement)}`),
    ...voteLines(standing),
    section(tallyText(standing.tally, input.puid)),
  ];
  if (undecided) blocks.push(actions(`proposal_${proposal.id}`, [button("Vote", ACTION.vote, String(proposal.id))]));
  const state = undecided ? "awaiting votes" : proposal.status;
  return { text: `Sanction proposal P${proposal.seq} on ${record.humanId}: ${state}`, blocks };
}

/** To the escalation channel: the leads by mention, then the proposal as the war room sees it. */
export function buildProposalEscalation(input: ProposalMessageInput, leads: readonly string[]): SlackMessage {
  const who = leads.length > 0 ? leads.map(mention).join(" ") : "Leads (no one has the lead role)";
  const { record, proposal } = input;
  const proposal72h = `${who}: proposal P${proposal.seq} on ${record.humanId} has waited 72 hours without a decision.`;
  const message = buildProposalMessage(input);
  return {
    text: `Undecided sanction proposal P${proposal.seq} on ${record.humanId}`,
    blocks: [section(`:rotating_light: ${proposal72h}`), ...message.blocks],
  };
}
