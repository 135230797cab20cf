import type { CaseRow, SanctionProposalRow, SanctionVoteRow } from "../../../db/schema.ts";
import {
  type ApprovalRequirement,
  approvalRequirement,
  isSanctionRung,
  type ProposalKind,
  type SanctionRung,
  type Tally,
  tallyVotes,
} from "../../core/sanctions.ts";
import { parseSeverity } from "../../core/severity.ts";
import type { Executor } from "../../store/database.ts";
import { accountOf } from "../../store/parties.ts";
import { undecidedProposalsOfCase, votesOfProposal } from "../../store/sanctions.ts";

/** Where a proposal stands: what it needs, each voter's latest vote, and the tally over them. */
export interface ProposalStanding {
  requirement: ApprovalRequirement;
  latestVotes: SanctionVoteRow[];
  tally: Tally;
}

const PROPOSAL_KINDS: readonly ProposalKind[] = ["sanction", "overturn", "modification"];

export function proposalRung(proposal: SanctionProposalRow): SanctionRung {
  if (!isSanctionRung(proposal.rung)) throw new Error(`proposal ${proposal.id} has an unknown rung ${proposal.rung}`);
  return proposal.rung;
}

export function requirementOf(proposal: SanctionProposalRow, record: CaseRow): ApprovalRequirement {
  return approvalRequirement({
    kind: PROPOSAL_KINDS.find((k) => k === proposal.kind) ?? "sanction",
    rung: proposalRung(proposal),
    caseSeverity: parseSeverity(record.severity) ?? "sev4",
    guaranteeClaim: proposal.guaranteeClaim,
    legalFlag: proposal.legalFlag,
  });
}

/** A changed vote supersedes the voter's earlier one: the newest row per voter, in order of casting. */
export function latestVotesOf(votes: readonly SanctionVoteRow[]): SanctionVoteRow[] {
  const byVoter = new Map<string, SanctionVoteRow>();
  for (const vote of votes) {
    byVoter.delete(vote.voter);
    byVoter.set(vote.voter, vote);
  }
  return [...byVoter.values()];
}

export function proposalStanding(tx: Executor, proposal: SanctionProposalRow, record: CaseRow): ProposalStanding {
  const requirement = requirementOf(proposal, record);
  const latestVotes = latestVotesOf(votesOfProposal(tx, proposal.id));
  const tally = tallyVotes(
    requirement,
    proposal.proposedBy,
    latestVotes.map((v) => ({
      voter: v.voter,
      choice: v.choice,
      voterIsLead: v.voterIsLead,
      voterIsLegal: v.voterIsLegal,
    })),
  );
  return { requirement, latestVotes, tally };
}

/** An undecided proposal as the case summary lists it. */
export interface OpenProposalSummary {
  seq: number;
  rung: SanctionRung;
  accountRef: string;
  escalated: boolean;
  /** Each voter's latest choice. */
  votes: Array<{ voter: string; choice: string }>;
  missing: string[];
}

export function openProposalSummaries(tx: Executor, record: CaseRow): OpenProposalSummary[] {
  return undecidedProposalsOfCase(tx, record.id).map((proposal) => {
    const { latestVotes, tally } = proposalStanding(tx, proposal, record);
    return {
      seq: proposal.seq,
      rung: proposalRung(proposal),
      accountRef: accountOf(tx, proposal.accountId)?.accountRef ?? "unknown",
      escalated: proposal.status === "escalated",
      votes: latestVotes.map((v) => ({ voter: v.voter, choice: v.choice })),
      missing: tally.outcome === "pending" ? tally.missing : [],
    };
  });
}
