/**
 * Rows as large as the bot lets them get: every user-typed field at its limit and made of characters that
 * grow when escaped for mrkdwn, every list longer than Slack's caps. For checking builders against Slack.
 */

import type {
  AccountRow,
  CaseRow,
  ConsultRow,
  ConsultTeamRow,
  EvidenceFileRow,
  EvidenceRow,
  PageRow,
  SanctionProposalRow,
  SanctionVoteRow,
} from "../../db/schema.ts";
import { POLICY_CLAUSES, type PolicyClauseId } from "../../src/core/categories.ts";
import { EVIDENCE_LIMITS } from "../../src/core/evidence.ts";
import { INTAKE_LIMITS } from "../../src/core/intake.ts";
import { PROPOSAL_FACTS_MAX } from "../../src/core/statementOfReasons.ts";
import type { CaseSnapshot } from "../../src/flows/cases/loadCaseSnapshot.ts";
import { CONSULT_ANSWER_LIMIT } from "../../src/flows/consults/answerConsult.ts";
import { CONSULT_LIMITS } from "../../src/flows/consults/requestConsult.ts";
import { HOLD_REASON_MAX } from "../../src/flows/retention/legalHold.ts";
import { VOTE_RATIONALE_MAX } from "../../src/flows/sanctions/castVote.ts";
import type { PartyWithAccount } from "../../src/store/parties.ts";

export const AT = Date.UTC(2026, 2, 2, 9, 0);
/** Each of these becomes 4 or 5 characters once escaped for mrkdwn. */
export const worstText = (length: number) => "<&>".repeat(Math.ceil(length / 3)).slice(0, length);
export const manyOf = <T>(count: number, make: (i: number) => T): T[] =>
  Array.from({ length: count }, (_, i) => make(i));
/** More than any Slack list cap (100 options, 50 or 100 blocks). */
export const MANY = 150;

export const worstCaseRow: CaseRow = {
  id: 1,
  humanId: "TS-2026-9999",
  year: 2026,
  seq: 9999,
  category: "theft",
  categoryVersion: "1",
  severity: "sev1",
  status: "investigating",
  title: worstText(INTAKE_LIMITS.titleMax),
  description: worstText(INTAKE_LIMITS.descriptionMax),
  source: "zendesk",
  occurredAt: AT,
  zendeskTicket: "9".repeat(20),
  ownerId: "U0LEAD1",
  createdBy: "U0SPEC1",
  channelId: "C0ROOM",
  channelName: "ts-2026-9999-theft",
  summaryTs: "1.000001",
  triageTs: "1.000002",
  warRoomRequestedAt: AT,
  warRoomRequestedBy: "U0SPEC1",
  intakeViewId: "V0INTAKE",
  createdAt: AT,
  updatedAt: AT,
};

export const worstAccount = (i: number): AccountRow => ({
  id: i + 1,
  accountRef: `${i}${worstText(INTAKE_LIMITS.accountRefMax)}`.slice(0, INTAKE_LIMITS.accountRefMax),
  role: i % 2 === 0 ? "pro" : "customer",
  displayName: worstText(INTAKE_LIMITS.displayNameMax),
  createdAt: AT,
  updatedAt: AT,
});

export const worstParties: PartyWithAccount[] = manyOf(MANY, (i) => ({
  partyRole: i % 2 === 0 ? "respondent" : "reporter",
  account: worstAccount(i),
}));

export const worstEvidenceEntry = (i: number): EvidenceRow => ({
  id: i + 1,
  caseId: 1,
  seq: i + 1,
  kind: "screenshot",
  description: worstText(EVIDENCE_LIMITS.descriptionMax),
  source: worstText(EVIDENCE_LIMITS.sourceMax),
  link: `https://example.com/${"l".repeat(EVIDENCE_LIMITS.linkMax - 20)}`,
  redactsEvidenceId: null,
  addedBy: "U0SPEC1",
  addedAt: AT,
});

export const worstEvidence: EvidenceRow[] = manyOf(MANY, worstEvidenceEntry);

export const worstFiles: EvidenceFileRow[] = manyOf(EVIDENCE_LIMITS.filesMax, (i) => ({
  id: i + 1,
  evidenceId: 1,
  sha256: "f".repeat(64),
  name: worstText(255),
  size: EVIDENCE_LIMITS.fileBytesMax,
  mimeType: "image/png",
  slackFileId: `F${i}`,
  uploadedBy: "U0SPEC1",
}));

export const worstTeams: ConsultTeamRow[] = manyOf(MANY, (i) => ({
  id: i + 1,
  key: `team-${i}-${"k".repeat(60)}`,
  name: worstText(100),
  slackUsergroupId: i % 2 === 0 ? null : "S0GROUP",
  slackChannelId: null,
  updatedBy: "U0LEAD1",
  updatedAt: AT,
}));

export const worstConsult = (status: "open" | "answered"): ConsultRow => ({
  id: 1,
  caseId: 1,
  teamId: 1,
  question: worstText(CONSULT_LIMITS.questionMax),
  dueAt: AT,
  status,
  requestedBy: "U0SPEC1",
  requestedAt: AT,
  resumeStatus: "investigating",
  answer: status === "answered" ? worstText(CONSULT_ANSWER_LIMIT) : null,
  answeredBy: status === "answered" ? "U0LEGAL" : null,
  answeredAt: status === "answered" ? AT : null,
  pingChannelId: "C0LEGAL",
  pingTs: "1.000003",
});

export const worstProposal: SanctionProposalRow = {
  id: 1,
  caseId: 1,
  seq: 99,
  kind: "sanction",
  accountId: 1,
  rung: "permanent_removal",
  clauses: Object.keys(POLICY_CLAUSES) as PolicyClauseId[],
  facts: worstText(PROPOSAL_FACTS_MAX),
  evidenceIds: worstEvidence.map((e) => e.id),
  guaranteeClaim: true,
  legalFlag: true,
  appealId: null,
  status: "open",
  proposedBy: "U0SPEC1",
  proposedAt: AT,
  decidedAt: null,
  requestViewId: "V0PROPOSE",
  messageChannelId: "C0ROOM",
  messageTs: "1.000004",
};

export const worstVotes: SanctionVoteRow[] = manyOf(MANY, (i) => ({
  id: i + 1,
  proposalId: 1,
  voter: `U0VOTER${i}`,
  choice: "reject",
  rationale: worstText(VOTE_RATIONALE_MAX),
  voterIsLead: true,
  voterIsLegal: true,
  castAt: AT,
  viewId: `V0VOTE${i}`,
}));

export const worstPage: PageRow = {
  id: 1,
  caseId: 1,
  trigger: "manual",
  requestedBy: "U0SPEC1",
  primaryUser: "U0PRIMARY",
  secondaryUser: "U0SECONDARY",
  ackMinutes: 15,
  status: "acknowledged",
  step: "secondary",
  stepAt: AT,
  ackedBy: "U0PRIMARY",
  ackedAt: AT,
  createdAt: AT,
  dedupeKey: "page:1",
};

/** The summary's inputs at the bounds loadCaseSnapshot reads (10 consults, 3 mediation entries, 5 problems). */
export const worstSnapshot: CaseSnapshot = {
  record: worstCaseRow,
  parties: worstParties.slice(0, 2).map((p) => ({
    ...p,
    priorCases: manyOf(5, (i) => ({
      humanId: `TS-2025-${1000 + i}`,
      category: "theft",
      severity: "sev1",
      status: "resolved",
      partyRole: p.partyRole,
      createdAt: AT,
    })),
    strikes: { strikes: 99, repeatOffender: true },
  })),
  eventCount: 99_999,
  evidenceCount: 99_999,
  consults: manyOf(10, (i) => ({
    id: i + 1,
    teamName: worstText(100),
    question: worstText(CONSULT_LIMITS.questionMax),
    status: "open",
    dueAt: AT,
    overdue: true,
    answeredAt: null,
  })),
  mediation: manyOf(3, () => ({
    partyRole: "respondent",
    accountRef: worstAccount(0).accountRef,
    channel: "in_app",
    offerKind: "partial_credit",
    offerAmountMinor: 100_000_000,
    offerCurrency: "EUR",
    outcome: "no_agreement",
    loggedAt: AT,
  })),
  checklist: manyOf(5, (i) => ({ step: `Step ${i}`, done: i % 2 === 0 })),
  proposals: manyOf(10, (i) => ({
    seq: i + 1,
    rung: "permanent_removal",
    accountRef: worstAccount(i).accountRef,
    escalated: true,
    votes: manyOf(10, (v) => ({ voter: `U0VOTER${v}`, choice: "approve" })),
    missing: ["a lead's approval", "Legal's acknowledgement"],
  })),
  interim: worstParties.slice(0, 2).map((p) => ({
    accountRef: p.account.accountRef,
    reason: worstText(1000),
    appliedBy: "U0LEAD1",
    appliedAt: AT,
  })),
  problems: manyOf(5, () => ({ jobKind: "case.createWarRoom", error: worstText(1000), at: AT })),
  legalHold: {
    id: 1,
    caseId: worstCaseRow.id,
    reason: worstText(HOLD_REASON_MAX),
    placedBy: "U0LEAD1",
    placedAt: AT,
    releasedBy: null,
    releasedAt: null,
  },
  sla: [],
  now: AT,
  zendeskTicketUrl: null,
};
