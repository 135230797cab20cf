import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import {
  type AccountRow,
  accounts,
  type CaseRow,
  caseEvents,
  consults,
  consultTeams,
  evidence,
  jobs,
  mediationEntries,
} from "../../db/schema.ts";
import { type MediationOffer, type MediationStep, mediationChecklist } from "../core/mediation.ts";
import type { SlaClockState } from "../core/slaClock.ts";
import { loadCalendar } from "../store/calendars.ts";
import type { Executor } from "../store/database.ts";
import { activeInterimSuspensions } from "../store/interimSuspensions.ts";
import { mediationProgressOfCase } from "../store/mediation.ts";
import { accountOf, type PriorCase, partiesOfCase, priorCasesOfAccount } from "../store/parties.ts";
import { type AccountStrikes, accountStrikes } from "./accountStrikes.ts";
import { type OpenProposalSummary, openProposalSummaries } from "./proposalStanding.ts";
import { slaClocksOfCase } from "./slaStatus.ts";

export interface PartySnapshot {
  partyRole: string;
  account: AccountRow;
  priorCases: PriorCase[];
  strikes: AccountStrikes;
}

export interface SideEffectProblem {
  jobKind: string;
  error: string;
  at: number;
}

export interface ConsultSnapshot {
  id: number;
  teamName: string;
  question: string;
  status: string;
  dueAt: number;
  overdue: boolean;
  answeredAt: number | null;
}

export interface MediationSnapshot {
  partyRole: string | null;
  accountRef: string;
  channel: string;
  offerKind: MediationOffer;
  offerAmountMinor: number | null;
  offerCurrency: string | null;
  outcome: string;
  loggedAt: number;
}

export interface InterimSnapshot {
  accountRef: string;
  reason: string;
  appliedBy: string;
  appliedAt: number;
}

/** Everything the case summary shows, read in one go. */
export interface CaseSnapshot {
  record: CaseRow;
  parties: PartySnapshot[];
  eventCount: number;
  /** Evidence entries, not counting redactions. */
  evidenceCount: number;
  consults: ConsultSnapshot[];
  /** Latest mediation entries, newest first. */
  mediation: MediationSnapshot[];
  /** The mediation checklist of a mediation-first category (property damage); empty otherwise. */
  checklist: MediationStep[];
  /** Sanction proposals still waiting for votes. */
  proposals: OpenProposalSummary[];
  /** Interim protective suspensions in force, awaiting a decision that confirms or lifts them. */
  interim: InterimSnapshot[];
  problems: SideEffectProblem[];
  /** First response, next update and resolution, as of `now`. */
  sla: SlaClockState[];
  /** The instant the snapshot was read: time left and "ago" are counted from it. */
  now: number;
}

const count = (tx: Executor, query: { table: typeof caseEvents | typeof evidence; where: ReturnType<typeof and> }) =>
  tx.select({ n: sql<number>`count(*)` }).from(query.table).where(query.where).get()?.n ?? 0;

/** The case's parties, each with their account history and strikes as of `now`. */
export function loadParties(tx: Executor, record: CaseRow, now: number = record.updatedAt): PartySnapshot[] {
  return partiesOfCase(tx, record.id).map((p) => ({
    ...p,
    priorCases: priorCasesOfAccount(tx, p.account.id, record.id),
    strikes: accountStrikes(tx, p.account.id, now),
  }));
}

/** `businessTimeZone` is the configured zone of the business calendar, read by the SLA clocks. */
export function loadCaseSnapshot(tx: Executor, record: CaseRow, now: number, businessTimeZone: string): CaseSnapshot {
  return {
    record,
    parties: loadParties(tx, record, now),
    eventCount: count(tx, { table: caseEvents, where: and(eq(caseEvents.caseId, record.id)) }),
    evidenceCount: count(tx, {
      table: evidence,
      where: and(eq(evidence.caseId, record.id), isNull(evidence.redactsEvidenceId)),
    }),
    consults: loadConsults(tx, record.id, now),
    mediation: loadMediation(tx, record.id),
    checklist: mediationChecklist(record.category, mediationProgressOfCase(tx, record.id)),
    proposals: openProposalSummaries(tx, record),
    interim: activeInterimSuspensions(tx, record.id).map((s) => ({
      accountRef: accountOf(tx, s.accountId)?.accountRef ?? `account ${s.accountId}`,
      reason: s.reason,
      appliedBy: s.appliedBy,
      appliedAt: s.appliedAt,
    })),
    problems: loadProblems(tx, record.id),
    sla: slaClocksOfCase(tx, record, loadCalendar(tx, businessTimeZone), now),
    now,
  };
}

function loadConsults(tx: Executor, caseId: number, now: number): ConsultSnapshot[] {
  return tx
    .select({
      id: consults.id,
      teamName: consultTeams.name,
      question: consults.question,
      status: consults.status,
      dueAt: consults.dueAt,
      answeredAt: consults.answeredAt,
    })
    .from(consults)
    .innerJoin(consultTeams, eq(consults.teamId, consultTeams.id))
    .where(eq(consults.caseId, caseId))
    .orderBy(desc(consults.requestedAt))
    .limit(10)
    .all()
    .map((c) => ({ ...c, overdue: c.status === "open" && c.dueAt <= now }));
}

function loadMediation(tx: Executor, caseId: number): MediationSnapshot[] {
  return tx
    .select({
      partyRole: sql<
        string | null
      >`(SELECT party_role FROM case_parties WHERE case_id = ${caseId} AND account_id = ${mediationEntries.accountId} LIMIT 1)`,
      accountRef: accounts.accountRef,
      channel: mediationEntries.channel,
      offerKind: mediationEntries.offerKind,
      offerAmountMinor: mediationEntries.offerAmountMinor,
      offerCurrency: mediationEntries.offerCurrency,
      outcome: mediationEntries.outcome,
      loggedAt: mediationEntries.loggedAt,
    })
    .from(mediationEntries)
    .innerJoin(accounts, eq(mediationEntries.accountId, accounts.id))
    .where(eq(mediationEntries.caseId, caseId))
    .orderBy(desc(mediationEntries.loggedAt), desc(mediationEntries.id))
    .limit(3)
    .all();
}

function loadProblems(tx: Executor, caseId: number): SideEffectProblem[] {
  return tx
    .select({ jobKind: jobs.kind, error: jobs.lastError, at: jobs.failedAt })
    .from(jobs)
    .where(and(eq(jobs.caseId, caseId), isNotNull(jobs.failedAt)))
    .orderBy(desc(jobs.failedAt))
    .limit(5)
    .all()
    .map((p) => ({ jobKind: p.jobKind, error: p.error ?? "unknown error", at: p.at ?? 0 }));
}
