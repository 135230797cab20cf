/**
 * One case's rows as the product's flows would have left them: the case, its parties, timeline events
 * (chained), evidence with file rows, sanction proposals, votes and decisions (with an appeal that
 * supersedes one now and then), the case's jobs and its SLA watch row.
 */

import { formatCaseId, warRoomChannelName } from "../../src/core/caseId.ts";
import { CATEGORIES, CATEGORY_CATALOG_VERSION, type CategoryId } from "../../src/core/categories.ts";
import { EVIDENCE_KINDS } from "../../src/core/evidence.ts";
import type { CaseSource } from "../../src/core/intake.ts";
import { approvalRequirement, SANCTION_RUNGS, type SanctionRung } from "../../src/core/sanctions.ts";
import { announceCaseJob } from "../../src/flows/jobs/announceCase.ts";
import { checkSlaClocksJob } from "../../src/flows/jobs/checkSlaClocks.ts";
import { refreshCaseSummaryJob } from "../../src/flows/jobs/refreshCaseSummary.ts";
import { statementOfDecision } from "../../src/flows/sanctions/statementOfDecision.ts";
import { type BulkWriter, CaseChain } from "./bulkWriter.ts";
import type { SeededRandom } from "./seededRandom.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const RUNGS: readonly SanctionRung[] = ["warning", "review_removal", "lead_pause", "payout_hold", "suspension_7d"];
const SOURCES: readonly CaseSource[] = ["phone", "email", "in_app", "zendesk", "internal"];
const TITLE_WORDS = ["refund", "no-show", "threat", "invoice", "review", "damage", "payment", "harassment"] as const;
const MIME = { name: "screenshot.png", mimeType: "image/png" } as const;

export interface Party {
  accountId: number;
  accountRef: string;
  role: "pro" | "customer";
}

export interface CasePlan {
  id: number;
  year: number;
  seq: number;
  createdAt: number;
  open: boolean;
  evidence: number;
  /** 0, 1, or 2 (a decision and the one an appeal put in its place). */
  decisions: number;
  /** Events the case should have; its core events come first, filler (invites, notes) makes up the rest. */
  events: number;
  reporter: Party;
  respondent: Party;
}

export interface Staff {
  specialists: readonly string[];
  leads: readonly string[];
}

/** What one case added, for the totals the builder checks. */
export interface CaseTally {
  events: number;
  evidence: number;
  decisions: number;
  votes: number;
}

function caseText(random: SeededRandom, categoryId: CategoryId, humanId: string) {
  const word = random.pick(TITLE_WORDS);
  return {
    title: `${word[0]?.toUpperCase()}${word.slice(1)} reported on a ${categoryId.replace(/-/g, " ")} job`,
    description: `Reporter describes a ${word} problem after a booked job; ${humanId} opened from the intake form with details of the visit, the messages exchanged and the amounts involved.`,
  };
}

/** Writes the case and everything under it; `plan.id` is the id the case row gets. */
export function writeCaseHistory(w: BulkWriter, random: SeededRandom, plan: CasePlan, staff: Staff): CaseTally {
  const category = random.pick(CATEGORIES);
  const humanId = formatCaseId(plan.year, plan.seq);
  const { title, description } = caseText(random, category.id as CategoryId, humanId);
  const createdBy = random.pick(staff.specialists);
  const owner = random.pick(staff.specialists);
  const source = random.pick(SOURCES);
  const severity = category.defaultSeverity;
  const warRoom = severity === "sev1" || severity === "sev2";
  const channelId = warRoom ? `C${plan.id.toString(36).toUpperCase().padStart(8, "0")}` : null;
  const channelName = warRoom ? warRoomChannelName(plan.year, plan.seq, category.id) : null;
  const triageTs = `${Math.floor(plan.createdAt / 1000)}.000100`;
  const occurredAt = plan.createdAt - (1 + random.below(48)) * 60 * MINUTE;
  const zendeskTicket = source === "zendesk" ? String(400_000 + plan.id) : null;
  const closedAt = plan.createdAt + (1 + random.below(20)) * DAY;
  let at = plan.createdAt;
  const step = () => {
    at += 1 + random.below(plan.open ? 30 : 120) * MINUTE;
    return at;
  };

  const status = plan.open ? "investigating" : "closed";
  const caseId = w.caseRow({
    humanId,
    year: plan.year,
    seq: plan.seq,
    category: category.id,
    categoryVersion: CATEGORY_CATALOG_VERSION,
    severity,
    status,
    title,
    description,
    source,
    occurredAt,
    zendeskTicket,
    ownerId: owner,
    createdBy,
    channelId,
    channelName,
    summaryTs: warRoom ? `${Math.floor(plan.createdAt / 1000) + 5}.000200` : null,
    triageTs,
    warRoomRequestedAt: null,
    warRoomRequestedBy: null,
    intakeViewId: `VINTAKE${plan.id}`,
    createdAt: plan.createdAt,
    updatedAt: plan.open ? plan.createdAt : closedAt,
  });
  if (caseId !== plan.id) throw new Error(`scale: case ${humanId} got id ${caseId}, planned ${plan.id}`);
  w.party({ case_id: caseId, account_id: plan.reporter.accountId, party_role: "reporter", added_at: plan.createdAt });
  w.party({
    case_id: caseId,
    account_id: plan.respondent.accountId,
    party_role: "respondent",
    added_at: plan.createdAt,
  });

  const chain = new CaseChain(w, caseId);
  chain.append(at, createdBy, "case_opened", {
    humanId,
    category: category.id,
    categoryVersion: CATEGORY_CATALOG_VERSION,
    severity,
    title,
    description,
    source,
    occurredAt,
    zendeskTicket,
    parties: [
      { role: "reporter", accountRef: plan.reporter.accountRef, accountRole: plan.reporter.role },
      { role: "respondent", accountRef: plan.respondent.accountRef, accountRole: plan.respondent.role },
    ],
  });
  chain.append(step(), "UBOT", "announced_in_triage", { channelId: "CTRIAGE", ts: triageTs });
  chain.append(step(), owner, "status_changed", { status: { from: "new", to: "investigating" } });

  const evidenceIds: number[] = [];
  for (let seq = 1; seq <= plan.evidence; seq++) {
    const kind = random.pick(EVIDENCE_KINDS);
    const evidenceAt = step();
    const file = { name: MIME.name, sha256: random.hex(64), size: 20_000 + random.below(2_000_000) };
    const text = `${kind.replace(/_/g, " ")} from the reporter about the job (${seq})`;
    const entryId = w.evidence({
      case_id: caseId,
      seq,
      kind,
      description: text,
      source: "Reporter, by email",
      link: null,
      redacts_evidence_id: null,
      added_by: owner,
      added_at: evidenceAt,
    });
    w.evidenceFile({
      evidence_id: entryId,
      sha256: file.sha256,
      name: file.name,
      size: file.size,
      mime_type: MIME.mimeType,
      slack_file_id: `F${entryId.toString(36).toUpperCase().padStart(9, "0")}`,
      uploaded_by: owner,
    });
    evidenceIds.push(entryId);
    chain.append(evidenceAt, owner, "evidence_added", {
      viewId: `VEV${entryId}`,
      seq,
      kind,
      description: text,
      source: "Reporter, by email",
      link: null,
      files: [{ ...file, mimeType: MIME.mimeType }],
    });
  }

  const record = { humanId, category: category.id, source, occurredAt, createdAt: plan.createdAt };
  let votes = 0;
  let decisionId: number | null = null;
  let decisionPuid = "";
  const decide = (proposalSeq: number, rung: SanctionRung, appeal: { id: number; decisionId: number } | null) => {
    const proposedBy = owner;
    const kind = appeal ? "modification" : "sanction";
    const clauses = [...category.policyRefs];
    const facts = `The respondent's conduct on the booked job breached ${clauses.join(", ")}; confirmed by the evidence on file.`;
    const requirement = approvalRequirement({
      kind,
      rung,
      caseSeverity: severity,
      guaranteeClaim: false,
      legalFlag: false,
    });
    const proposedAt = step();
    const voters = [...(requirement.lead ? [random.pick(staff.leads)] : []), ...staff.specialists]
      .filter((u) => u !== proposedBy)
      .slice(0, requirement.approvers);
    const decidedAt = voters.length > 0 ? proposedAt + (voters.length + 1) * 30 * MINUTE : proposedAt;
    const proposalId = w.proposal({
      case_id: caseId,
      seq: proposalSeq,
      kind,
      account_id: plan.respondent.accountId,
      rung,
      clauses: JSON.stringify(clauses),
      facts,
      evidence_ids: JSON.stringify(evidenceIds),
      guarantee_claim: 0,
      legal_flag: 0,
      appeal_id: appeal?.id ?? null,
      status: "approved",
      proposed_by: proposedBy,
      proposed_at: proposedAt,
      decided_at: decidedAt,
      request_view_id: `VPROP${caseId}-${proposalSeq}`,
      message_channel_id: channelId,
      message_ts: channelId ? `${Math.floor(proposedAt / 1000)}.000300` : null,
    });
    const ref = { proposal: `P${proposalSeq}`, proposalId };
    chain.append(proposedAt, proposedBy, "sanction_proposed", {
      ...ref,
      proposalKind: kind,
      viewId: `VPROP${caseId}-${proposalSeq}`,
      ...(appeal ? { appealId: appeal.id } : {}),
      accountRef: plan.respondent.accountRef,
      accountRole: plan.respondent.role,
      rung,
      clauses,
      facts,
      evidenceIds,
      guaranteeClaim: false,
      legalFlag: false,
      requirement,
      ...(appeal ? {} : { status: { from: "investigating" as const, to: "decision" as const } }),
    });
    for (const [index, voter] of voters.entries()) {
      const castAt = proposedAt + (index + 1) * 30 * MINUTE;
      const isLead = staff.leads.includes(voter);
      const viewId = `VVOTE${proposalId}-${index + 1}`;
      const voteId = w.vote({
        proposal_id: proposalId,
        voter,
        choice: "approve",
        rationale: "The evidence supports the proposed sanction.",
        voter_is_lead: isLead ? 1 : 0,
        voter_is_legal: 0,
        cast_at: castAt,
        view_id: viewId,
      });
      const last = index === voters.length - 1;
      chain.append(castAt, voter, "vote_cast", {
        ...ref,
        voteId,
        viewId,
        choice: "approve",
        rationale: "The evidence supports the proposed sanction.",
        voterIsLead: isLead,
        voterIsLegal: false,
        outcome: last ? "approved" : "pending",
        ...(last ? {} : { missing: [`${voters.length - index - 1} more approval`] }),
      });
      votes += 1;
    }
    const puid = `${humanId}-D${proposalSeq}`;
    const days = SANCTION_RUNGS[rung].days;
    const appliesUntil = days === null ? null : decidedAt + days * DAY;
    const decision = { rung, puid, appliesFrom: decidedAt, appliesUntil };
    const statement = statementOfDecision({ record, proposal: { clauses, facts }, decision });
    decisionId = w.decision({
      case_id: caseId,
      proposal_id: proposalId,
      account_id: plan.respondent.accountId,
      rung,
      puid,
      statement: JSON.stringify(statement),
      supersedes_decision_id: appeal?.decisionId ?? null,
      decided_at: decidedAt,
      applies_from: decidedAt,
      applies_until: appliesUntil,
    });
    decisionPuid = puid;
    chain.append(decidedAt, voters.at(-1) ?? proposedBy, "decision_recorded", {
      ...ref,
      puid,
      rung,
      accountRef: plan.respondent.accountRef,
      accountRole: plan.respondent.role,
      appliesFrom: decidedAt,
      endDate: appliesUntil === null ? null : new Date(appliesUntil).toISOString().slice(0, 10),
      interimSuspensions: [],
      ...(appeal ? { appealId: appeal.id, supersedesDecisionId: appeal.decisionId } : {}),
    });
    at = Math.max(at, decidedAt);
  };

  if (plan.decisions > 0) decide(1, random.pick(RUNGS.slice(1)), null);
  // Room for the closing events after the filler: 4 to close, 3 when the decision already moved the case on.
  const fillerEnd = plan.events - (plan.open ? 0 : plan.decisions === 0 ? 4 : 3);
  for (let n = 0; chain.length < fillerEnd; n++) {
    if (n % 3 === 2) chain.append(step(), owner, "status_changed", { note: `Update ${n}: called the reporter back` });
    else chain.append(step(), owner, "member_invited", { userId: random.pick(staff.specialists) });
  }
  if (!plan.open) {
    const closeView = { viewId: `VCLOSE${caseId}`, outcome: "action_taken" as const };
    const summary = "Resolved after review of the evidence; parties informed.";
    if (plan.decisions === 0) {
      chain.append(step(), owner, "status_changed", {
        reason: "closing",
        status: { from: "investigating", to: "decision" },
      });
    }
    chain.append(step(), owner, "case_resolved", { reason: "closing", status: { from: "decision", to: "resolved" } });
    const closeSeq = chain.append(Math.max(step(), closedAt), owner, "case_closed", {
      summary,
      ...closeView,
      status: { from: "resolved", to: "closed" },
    });
    chain.append(step(), "UBOT", "close_summary_posted", {
      closeSeq,
      channelId: "CTRIAGE",
      ts: `${Math.floor(at / 1000)}.000400`,
    });
    if (plan.decisions > 1 && decisionId !== null) {
      const openedAt = step();
      const appealId = w.appeal({
        case_id: caseId,
        decision_id: decisionId,
        grounds: "The respondent disputes the length of the sanction.",
        opened_by: owner,
        opened_at: openedAt,
        reviewer: random.pick(staff.leads),
        outcome: "modified",
        rationale: "A lighter rung fits the facts.",
        decided_at: openedAt + DAY,
      });
      chain.append(openedAt, owner, "appeal_opened", {
        appealId,
        puid: decisionPuid,
        grounds: "The respondent disputes the length of the sanction.",
        status: { from: "closed", to: "appealed" },
      });
      decide(2, "warning", { id: appealId, decisionId });
      chain.append(step(), owner, "case_closed", { summary, ...closeView, status: { from: "appealed", to: "closed" } });
    }
  }

  writeCaseJobs(w, caseId, plan, chain.length, at);
  // The product leaves the watch row of a closed case behind: the "stale risk rows".
  w.slaWatch({
    case_id: caseId,
    risk_at: plan.createdAt + 22 * 60 * MINUTE,
    due_at: plan.createdAt + DAY,
    checked_at: at,
  });
  return { events: chain.length, evidence: plan.evidence, decisions: plan.decisions, votes };
}

/** Three jobs per case, as intake and the summary refresh queue them; done unless the case is still open. */
function writeCaseJobs(w: BulkWriter, caseId: number, plan: CasePlan, version: number, lastAt: number): void {
  const jobs = [
    { kind: announceCaseJob.kind, key: announceCaseJob.key({ caseId }), runAt: plan.createdAt },
    { kind: refreshCaseSummaryJob.kind, key: refreshCaseSummaryJob.key({ caseId }, version), runAt: lastAt },
    { kind: checkSlaClocksJob.kind, key: checkSlaClocksJob.key({ caseId }, `v${version}`), runAt: lastAt },
  ];
  for (const job of jobs) {
    const done = !plan.open || job.kind === announceCaseJob.kind;
    w.job({
      kind: job.kind,
      payload: JSON.stringify({ caseId }),
      case_id: caseId,
      idempotency_key: job.key,
      // An open case's refresh waits for a later change; it must not run during the bench.
      run_at: done ? job.runAt : job.runAt + 365 * DAY,
      attempts: done ? 1 : 0,
      max_attempts: 12,
      lease_until: null,
      leased_by: null,
      last_error: null,
      done_at: done ? job.runAt + 200 : null,
      failed_at: null,
      created_at: job.runAt,
    });
  }
}
