import type { AccountRow, CaseRow, LegalHoldRow } from "../../../db/schema.ts";
import { type MediationStep, mediationChecklist } from "../../core/mediation.ts";
import type { SlaClockState } from "../../core/slaClock.ts";
import { zendeskTicketUrl } from "../../core/zendeskTicket.ts";
import { loadCalendar } from "../../store/calendars.ts";
import { type ConsultWithTeam, latestConsultsOfCase } from "../../store/consults.ts";
import type { Executor } from "../../store/database.ts";
import { eventCountOfCase } from "../../store/events.ts";
import { liveEvidenceCountOfCase } from "../../store/evidence.ts";
import { activeInterimSuspensions } from "../../store/interimSuspensions.ts";
import { failedJobsOfCase, type JobFailure } from "../../store/jobs.ts";
import { latestMediationOfCase, type MediationEntrySummary, mediationProgressOfCase } from "../../store/mediation.ts";
import { accountOf, type PriorCase, partiesOfCase, priorCasesOfAccount } from "../../store/parties.ts";
import { activeLegalHold } from "../../store/retention.ts";
import type { FlowDeps } from "../deps.ts";
import { type AccountStrikes, accountStrikes } from "../sanctions/accountStrikes.ts";
import { type OpenProposalSummary, openProposalSummaries } from "../sanctions/proposalStanding.ts";
import { slaClocksOfCase } from "../sla/slaStatus.ts";

export interface PartySnapshot {
  partyRole: string;
  account: AccountRow;
  priorCases: PriorCase[];
  strikes: AccountStrikes;
}

export interface ConsultSnapshot extends ConsultWithTeam {
  overdue: boolean;
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
  mediation: MediationEntrySummary[];
  /** The mediation checklist of a mediation-first category (property damage); empty otherwise. */
  checklist: MediationStep[];
  /** Sanction proposals still waiting for votes. */
  proposals: OpenProposalSummary[];
  /** Interim protective suspensions in force, awaiting a decision that confirms or lifts them. */
  interim: InterimSnapshot[];
  problems: JobFailure[];
  /** A lead's legal hold in force: retention keeps the case's personal data until it is released. */
  legalHold: LegalHoldRow | undefined;
  /** First response, next update and resolution, as of `now`. */
  sla: SlaClockState[];
  /** The instant the snapshot was read: time left and "ago" are counted from it. */
  now: number;
  /** The case's Zendesk ticket in Zendesk's agent interface, when the desk knows its subdomain. */
  zendeskTicketUrl: string | null;
}

/** The case's parties, each with their account history and strikes as of `now`. */
export function loadParties(tx: Executor, record: CaseRow, now: number = record.updatedAt): PartySnapshot[] {
  return partiesOfCase(tx, record.id).map((p) => ({
    ...p,
    priorCases: priorCasesOfAccount(tx, p.account.id, record.id),
    strikes: accountStrikes(tx, p.account.id, now),
  }));
}

/** The case as its summary shows it now, with the desk's business time zone and Zendesk link. */
export function loadCaseSnapshotNow(deps: FlowDeps, record: CaseRow): CaseSnapshot {
  return loadCaseSnapshot(
    deps.db,
    record,
    deps.clock.now(),
    deps.config.businessTimeZone,
    deps.config.zendeskSubdomain,
  );
}

/** `businessTimeZone` is the configured zone of the business calendar, read by the SLA clocks. */
export function loadCaseSnapshot(
  tx: Executor,
  record: CaseRow,
  now: number,
  businessTimeZone: string,
  zendeskSubdomain?: string,
): CaseSnapshot {
  return {
    record,
    parties: loadParties(tx, record, now),
    eventCount: eventCountOfCase(tx, record.id),
    evidenceCount: liveEvidenceCountOfCase(tx, record.id),
    consults: latestConsultsOfCase(tx, record.id, 10).map((c) => ({
      ...c,
      overdue: c.status === "open" && c.dueAt <= now,
    })),
    mediation: latestMediationOfCase(tx, record.id, 3),
    checklist: mediationChecklist(record.category, mediationProgressOfCase(tx, record.id)),
    proposals: openProposalSummaries(tx, record),
    interim: activeInterimSuspensions(tx, record.id).map((s) => ({
      accountRef: accountOf(tx, s.accountId)?.accountRef ?? `account ${s.accountId}`,
      reason: s.reason,
      appliedBy: s.appliedBy,
      appliedAt: s.appliedAt,
    })),
    problems: failedJobsOfCase(tx, record.id, 5),
    legalHold: activeLegalHold(tx, record.id),
    sla: slaClocksOfCase(tx, record, loadCalendar(tx, businessTimeZone), now),
    now,
    zendeskTicketUrl: record.zendeskTicket ? zendeskTicketUrl(zendeskSubdomain, record.zendeskTicket) : null,
  };
}
