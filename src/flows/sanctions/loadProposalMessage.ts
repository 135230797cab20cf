import type { AccountRow, CaseRow, SanctionProposalRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import type { SanctionRung } from "../../core/sanctions.ts";
import { getCase } from "../../store/cases.ts";
import type { Executor } from "../../store/database.ts";
import { evidenceOfCase } from "../../store/evidence.ts";
import { accountOf } from "../../store/parties.ts";
import { decisionOfProposal, getProposal } from "../../store/sanctions.ts";
import { type ProposalStanding, proposalRung, proposalStanding } from "./proposalStanding.ts";

/** Everything a proposal's message shows. */
export interface ProposalMessageInput {
  record: CaseRow;
  proposal: SanctionProposalRow;
  rung: SanctionRung;
  account: AccountRow;
  /** E-numbers of the evidence relied on. */
  evidenceRefs: string[];
  standing: ProposalStanding;
  /** The decision's puid once approved. */
  puid: string | null;
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
