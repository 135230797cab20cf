/**
 * One case's rows as the product's flows would have left them: the case, its parties, timeline events
 * (chained), evidence with file rows, sanction proposals, votes and decisions (with an appeal that
 * supersedes one now and then), pages, consults and mediation, the case's jobs and its SLA watch row.
 */

import { formatCaseId, warRoomChannelName } from "../../src/core/caseId.ts";
import { CATEGORIES, CATEGORY_CATALOG_VERSION, type CategoryId } from "../../src/core/categories.ts";
import { EVIDENCE_KINDS } from "../../src/core/evidence.ts";
import type { CaseSource } from "../../src/core/intake.ts";
import type { SanctionRung } from "../../src/core/sanctions.ts";
import type { SeededRandom } from "../../test/support/seededRandom.ts";
import { type BulkWriter, CaseChain } from "./bulkWriter.ts";
import { writeCaseJobs } from "./caseJobs.ts";
import { type ContactContext, writeContacts, writeIntakePage } from "./contactHistory.ts";
import { type SanctionContext, writeDecision } from "./sanctionHistory.ts";

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
  /** One per consult team, in the order of CONSULT_TEAMS. */
  consultants: readonly string[];
}

/** What one case added, for the totals the builder checks. */
export interface CaseTally {
  events: number;
  evidence: number;
  decisions: number;
  votes: number;
  jobs: number;
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
  const occurredAt = plan.createdAt - (1 + random.int(48)) * 60 * MINUTE;
  const zendeskTicket = source === "zendesk" ? String(400_000 + plan.id) : null;
  const closedAt = plan.createdAt + (1 + random.int(20)) * DAY;
  let at = plan.createdAt;
  const step = () => {
    at += 1 + random.int(plan.open ? 30 : 120) * MINUTE;
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
  const contacts: ContactContext = { w, random, staff, chain, caseId, owner, step };
  if (severity === "sev1") writeIntakePage(contacts, severity);
  chain.append(step(), owner, "status_changed", { status: { from: "new", to: "investigating" } });

  const evidenceIds: number[] = [];
  for (let seq = 1; seq <= plan.evidence; seq++) {
    const kind = random.pick(EVIDENCE_KINDS);
    const evidenceAt = step();
    const file = { name: MIME.name, sha256: random.hex(64), size: 20_000 + random.int(2_000_000) };
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

  const sanction: SanctionContext = {
    w,
    random,
    staff,
    chain,
    plan,
    humanId,
    category,
    severity,
    source,
    occurredAt,
    owner,
    channelId,
    evidenceIds,
  };
  let votes = 0;
  const decide = (proposalSeq: number, rung: SanctionRung, appeal: { id: number; decisionId: number } | null) => {
    const decided = writeDecision(sanction, step(), proposalSeq, rung, appeal);
    votes += decided.votes;
    at = Math.max(at, decided.decidedAt);
    return decided;
  };

  // Room for the closing events after the filler: 4 to close, 3 when the decision already moved the case on.
  const fillerEnd = plan.events - (plan.open ? 0 : plan.decisions === 0 ? 4 : 3);
  writeContacts(contacts, plan);
  const first = plan.decisions > 0 ? decide(1, random.pick(RUNGS.slice(1)), null) : null;
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
    if (plan.decisions > 1 && first !== null) {
      const openedAt = step();
      const appealId = w.appeal({
        case_id: caseId,
        decision_id: first.decisionId,
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
        puid: first.puid,
        grounds: "The respondent disputes the length of the sanction.",
        status: { from: "closed", to: "appealed" },
      });
      decide(2, "warning", { id: appealId, decisionId: first.decisionId });
      chain.append(step(), owner, "case_closed", { summary, ...closeView, status: { from: "appealed", to: "closed" } });
    }
  }

  const jobs = writeCaseJobs(w, caseId, plan, chain.length, at);
  chain.writeSlaFacts();
  // The product forgets a case's watch row in the transaction that closes it (and migration 0008 removed old ones).
  if (plan.open)
    w.slaWatch({
      case_id: caseId,
      risk_at: plan.createdAt + 22 * 60 * MINUTE,
      due_at: plan.createdAt + DAY,
      checked_at: at,
    });
  return { events: chain.length, evidence: plan.evidence, decisions: plan.decisions, votes, jobs };
}
