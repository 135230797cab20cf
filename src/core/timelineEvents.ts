import type { CloseOutcome } from "./caseClose.ts";
import type { EvidenceKind } from "./evidence.ts";
import type { AccountRole, CaseSource, PartyRole } from "./intake.ts";
import type { CaseStatus } from "./lifecycle.ts";
import type { MediationChannel, MediationCurrency, MediationOffer, MediationOutcome } from "./mediation.ts";
import type { PageStepName, PageTrigger } from "./paging.ts";
import type {
  AppealOutcome,
  ApprovalRequirement,
  InterimResolution,
  ProposalKind,
  ProposalTerms,
  SanctionRung,
  Tally,
  VoteChoice,
} from "./sanctions.ts";
import type { Severity } from "./severity.ts";
import type { ReminderThreshold, SlaClockName } from "./slaClock.ts";
import type { ZendeskChangeType } from "./zendeskTicket.ts";

/** A message the bot posted, by where it lives. */
export interface MessageRef {
  channel: string;
  ts: string;
}

/** Sanction events name their proposal both ways: `P2` as people say it, and its row id. */
interface ProposalRef {
  proposal: string;
  proposalId: number;
}

/**
 * The case record's catalog: every timeline event kind and the payload it carries, so a kind or a
 * payload field that is not here fails the typecheck where the event is written.
 */
export interface TimelinePayloads {
  case_opened: {
    humanId: string;
    category: string;
    categoryVersion: string;
    severity: Severity;
    title: string;
    description: string;
    source: CaseSource;
    occurredAt: number | null;
    zendeskTicket: string | null;
    parties: Array<{ role: PartyRole; accountRef: string; accountRole: AccountRole }>;
  };
  announced_in_triage: { channelId: string; ts: string };
  war_room_requested: Record<string, never>;
  war_room_created: { channelId: string; channelName: string; private: boolean; adopted?: boolean };
  member_invited: { userId: string };
  owner_assigned: { from: string | null; to: string };
  /** `reason: "closing"` marks a move the close form made on the way to closed. */
  status_changed: { note?: string; reason?: "closing" };
  case_resolved: { reason: "closing" };
  case_closed: { summary: string; outcome: CloseOutcome; viewId: string };
  close_summary_posted: { closeSeq: number; channelId: string; ts: string };
  war_room_archived: { closeSeq: number; channelId: string | null };
  evidence_added: {
    viewId: string;
    seq: number;
    kind: EvidenceKind;
    description: string;
    source: string | null;
    link: string | null;
    files: Array<{ name: string; sha256: string; size: number; mimeType: string }>;
  };
  /** A form with files, recorded when answered; its evidence_added (or evidence_not_saved) follows once they are fetched. */
  evidence_submitted: {
    viewId: string;
    kind: EvidenceKind;
    description: string;
    source: string;
    link: string | null;
    fileIds: string[];
  };
  /** The submitted form's files could not be fetched: which file and why, as the submitter was told. */
  evidence_not_saved: { viewId: string; reason: string };
  evidence_redacted: {
    seq: number;
    redacts: number;
    reason: string;
    files: Array<{ sha256: string; size: number }>;
    bytesRemoved: string[];
  };
  consult_requested: { consultId: number; team: string; question: string; dueAt: number; viewId: string };
  consult_sent: {
    consultId: number;
    team: string;
    via: "channel" | "dm";
    recipients: string[];
    messages: MessageRef[];
  };
  consult_answered: { consultId: number; team: string; answer: string };
  mediation_logged: {
    entryId: number;
    viewId: string;
    party: { role?: PartyRole; accountRef?: string; accountRole?: AccountRole };
    channel: MediationChannel;
    summary: string;
    offer: { kind: MediationOffer; amountMinor: number | null; currency: MediationCurrency | null };
    outcome: MediationOutcome;
  };
  sanction_proposed: ProposalRef &
    ProposalTerms & {
      proposalKind: ProposalKind;
      viewId?: string;
      appealId?: number;
      accountRef?: string;
      accountRole?: AccountRole;
      requirement: ApprovalRequirement;
    };
  vote_cast: ProposalRef & {
    voteId: number;
    viewId: string;
    choice: VoteChoice;
    rationale: string;
    voterIsLead: boolean;
    voterIsLegal: boolean;
    outcome: Tally["outcome"];
    missing?: string[];
  };
  proposal_rejected: ProposalRef & { rejectedBy: string };
  proposal_escalated: ProposalRef & { leads: string[]; message: MessageRef | null };
  decision_recorded: ProposalRef & {
    puid: string;
    rung: SanctionRung;
    accountRef: string;
    accountRole: AccountRole;
    appliesFrom: number;
    /** YYYY-MM-DD, UTC; null for a decision without an end. */
    endDate: string | null;
    interimSuspensions: Array<{ id: number; resolution: InterimResolution }>;
    appealId?: number;
    supersedesDecisionId?: number;
  };
  interim_suspension_applied: { accountRef: string; reason: string };
  interim_suspension_lifted: { accountRef: string; reason: string; suspensionId: number };
  appeal_opened: { appealId: number; puid: string; grounds: string };
  appeal_upheld: { appealId: number; puid: string; rationale: string };
  appeal_reviewed: {
    appealId: number;
    puid: string;
    proposedOutcome: AppealOutcome;
    rung: SanctionRung;
    rationale: string;
  };
  page_sent: {
    pageId: number;
    step: PageStepName;
    to: string;
    trigger: PageTrigger;
    requestedBy: string;
    /** The DM; optional only because it is read from postToEach's list of one. */
    message?: MessageRef;
  };
  page_escalated: {
    pageId: number;
    step: PageStepName;
    to: string;
    trigger: PageTrigger;
    leads: string[];
    message: MessageRef;
  };
  page_acknowledged: { pageId: number; step: PageStepName; afterSeconds: number };
  sla_reminder: {
    clock: SlaClockName;
    threshold: ReminderThreshold;
    cycleStart: number;
    dueAt: number;
    /** null: nobody to mention (the bot opened the case, nobody owns it), posted in the triage channel. */
    notified: string | null;
    channel: string;
    ts: string;
  };
  slack_effect_failed: { jobId: number; jobKind: string; error: string };
  legal_hold_placed: { holdId: number; reason: string };
  legal_hold_released: { holdId: number };
  /** What retention redacted, by field name and count (never a value), and the seal of each rewritten event. */
  personal_data_redacted: {
    retentionDays: number;
    closedAt: number;
    fields: Record<string, number>;
    evidenceBytesDeleted: number;
    seals: Array<{ seq: number; hash: string }>;
  };
  /** Zendesk told of a change to the case's ticket: what changed, never who the requester is. Flat, so retention can redact it. */
  zendesk_ticket_updated: {
    eventId: string;
    ticketId: string;
    change: ZendeskChangeType;
    comment?: string;
    commentIsPublic?: boolean;
    authorIsStaff?: boolean;
    tagsAdded?: string[];
    tagsRemoved?: string[];
    from?: string | null;
    to?: string | null;
  };
}

export type TimelineEventKind = keyof TimelinePayloads;

/** A change of status rides on the event that made it, under `status`. */
export interface StatusMove {
  from: CaseStatus;
  to: CaseStatus;
}

/** The payload as stored: the kind's own fields, plus the status move when the event made one. */
export type StoredTimelinePayload<K extends TimelineEventKind> = TimelinePayloads[K] & { status?: StatusMove };

const KIND_PRESENT: Readonly<Record<TimelineEventKind, true>> = {
  case_opened: true,
  announced_in_triage: true,
  war_room_requested: true,
  war_room_created: true,
  member_invited: true,
  owner_assigned: true,
  status_changed: true,
  case_resolved: true,
  case_closed: true,
  close_summary_posted: true,
  war_room_archived: true,
  evidence_added: true,
  evidence_submitted: true,
  evidence_not_saved: true,
  evidence_redacted: true,
  consult_requested: true,
  consult_sent: true,
  consult_answered: true,
  mediation_logged: true,
  sanction_proposed: true,
  vote_cast: true,
  proposal_rejected: true,
  proposal_escalated: true,
  decision_recorded: true,
  interim_suspension_applied: true,
  interim_suspension_lifted: true,
  appeal_opened: true,
  appeal_upheld: true,
  appeal_reviewed: true,
  page_sent: true,
  page_escalated: true,
  page_acknowledged: true,
  sla_reminder: true,
  slack_effect_failed: true,
  legal_hold_placed: true,
  legal_hold_released: true,
  personal_data_redacted: true,
  zendesk_ticket_updated: true,
};

// A non-empty tuple, so it can type the `kind` column; the record above makes the list complete.
export const TIMELINE_EVENT_KINDS = Object.keys(KIND_PRESENT) as [TimelineEventKind, ...TimelineEventKind[]];
