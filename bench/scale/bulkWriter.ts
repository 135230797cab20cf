/**
 * Rows written the way the store writes them, through prepared statements inside the caller's big
 * transaction: the store's one-row-at-a-time functions would take hours for ten million events. Every
 * column the store sets is set here, and timeline events are chained with the store's own hash.
 */
import type Database from "better-sqlite3";
import type { NewCaseRow } from "../../db/schema.ts";
import { canonicalJson, GENESIS_HASH, hashEvent } from "../../src/core/auditHash.ts";
import type { SlaFact } from "../../src/core/slaClock.ts";
import { relevantSlaFacts, slaFactsOfEvent } from "../../src/core/slaFacts.ts";
import type { StoredTimelinePayload, TimelineEventKind } from "../../src/core/timelineEvents.ts";

type Row = Record<string, string | number | null>;

/**
 * A prepared INSERT over the named columns. Bound by position: better-sqlite3 looks each `@name` up in the row
 * object, which cost a third of the insert's time over ten million events; a column the row lacks still throws.
 */
function insertInto(sqlite: Database.Database, table: string, columns: readonly string[]) {
  const statement = sqlite.prepare(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  const values: Array<string | number | null> = new Array(columns.length);
  return (row: Row): number => {
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i] ?? ""];
      if (value === undefined) throw new Error(`scale: no ${columns[i]} for a row of ${table}`);
      values[i] = value;
    }
    return Number(statement.run(values).lastInsertRowid);
  };
}

/** A prepared UPDATE bound by name; throws unless exactly one row changed. */
function update(sqlite: Database.Database, text: string) {
  const statement = sqlite.prepare(text);
  return (row: Row): void => {
    const { changes } = statement.run(row);
    if (changes !== 1) throw new Error(`scale: ${text} changed ${changes} rows`);
  };
}

/** One case's hash chain while its events are written, as appendEvent keeps it in the table. */
export class CaseChain {
  private seq = 0;
  private prevHash = GENESIS_HASH;
  private readonly facts: SlaFact[] = [];
  private factsThroughSeq = 0;

  constructor(
    private readonly writer: BulkWriter,
    readonly caseId: number,
  ) {}

  get length(): number {
    return this.seq;
  }

  /** Writes the case's one sla_facts row, as appendEvent's folding leaves it after the last event with facts. */
  writeSlaFacts(): void {
    if (this.factsThroughSeq === 0) return;
    this.writer.slaFacts({
      case_id: this.caseId,
      facts: JSON.stringify(relevantSlaFacts(this.facts)),
      through_seq: this.factsThroughSeq,
    });
  }

  append<K extends TimelineEventKind>(at: number, actor: string, kind: K, payload: StoredTimelinePayload<K>): number {
    this.seq += 1;
    // Folded all at once at the end: relevantSlaFacts of the whole list equals appendEvent's fold event by event.
    const facts = slaFactsOfEvent({ at, kind, payload });
    if (facts.length > 0) {
      this.facts.push(...facts);
      this.factsThroughSeq = this.seq;
    }
    const payloadJson = canonicalJson(payload);
    const hash = hashEvent(this.prevHash, { caseId: this.caseId, seq: this.seq, at, actor, kind, payloadJson });
    this.writer.event({
      case_id: this.caseId,
      seq: this.seq,
      at,
      actor,
      kind,
      payload: payloadJson,
      prev_hash: this.prevHash,
      hash,
    });
    this.prevHash = hash;
    return this.seq;
  }
}

const CASE_COLUMNS = {
  humanId: "human_id",
  year: "year",
  seq: "seq",
  category: "category",
  categoryVersion: "category_version",
  severity: "severity",
  status: "status",
  title: "title",
  description: "description",
  source: "source",
  occurredAt: "occurred_at",
  zendeskTicket: "zendesk_ticket",
  ownerId: "owner_id",
  createdBy: "created_by",
  channelId: "channel_id",
  channelName: "channel_name",
  summaryTs: "summary_ts",
  triageTs: "triage_ts",
  warRoomRequestedAt: "war_room_requested_at",
  warRoomRequestedBy: "war_room_requested_by",
  intakeViewId: "intake_view_id",
  createdAt: "created_at",
  updatedAt: "updated_at",
} as const satisfies Record<keyof Omit<NewCaseRow, "id">, string>;

export type BulkWriter = ReturnType<typeof bulkWriter>;

export function bulkWriter(sqlite: Database.Database) {
  const insertCase = insertInto(sqlite, "cases", Object.values(CASE_COLUMNS));
  return {
    caseRow(row: Omit<NewCaseRow, "id">): number {
      const named: Row = {};
      for (const [field, column] of Object.entries(CASE_COLUMNS)) {
        named[column] = (row as Record<string, string | number | null | undefined>)[field] ?? null;
      }
      return insertCase(named);
    },
    account: insertInto(sqlite, "accounts", ["account_ref", "role", "display_name", "created_at", "updated_at"]),
    party: insertInto(sqlite, "case_parties", ["case_id", "account_id", "party_role", "added_at"]),
    event: insertInto(sqlite, "case_events", ["case_id", "seq", "at", "actor", "kind", "payload", "prev_hash", "hash"]),
    evidence: insertInto(sqlite, "evidence", [
      "case_id",
      "seq",
      "kind",
      "description",
      "source",
      "link",
      "redacts_evidence_id",
      "added_by",
      "added_at",
    ]),
    evidenceFile: insertInto(sqlite, "evidence_files", [
      "evidence_id",
      "sha256",
      "name",
      "size",
      "mime_type",
      "slack_file_id",
      "uploaded_by",
    ]),
    proposal: insertInto(sqlite, "sanction_proposals", [
      "case_id",
      "seq",
      "kind",
      "account_id",
      "rung",
      "clauses",
      "facts",
      "evidence_ids",
      "guarantee_claim",
      "legal_flag",
      "appeal_id",
      "status",
      "proposed_by",
      "proposed_at",
      "decided_at",
      "request_view_id",
      "message_channel_id",
      "message_ts",
    ]),
    vote: insertInto(sqlite, "sanction_votes", [
      "proposal_id",
      "voter",
      "choice",
      "rationale",
      "voter_is_lead",
      "voter_is_legal",
      "cast_at",
      "view_id",
    ]),
    decision: insertInto(sqlite, "decisions", [
      "case_id",
      "proposal_id",
      "account_id",
      "rung",
      "puid",
      "statement",
      "supersedes_decision_id",
      "decided_at",
      "applies_from",
      "applies_until",
    ]),
    appeal: insertInto(sqlite, "appeals", [
      "case_id",
      "decision_id",
      "grounds",
      "opened_by",
      "opened_at",
      "reviewer",
      "outcome",
      "rationale",
      "decided_at",
    ]),
    job: insertInto(sqlite, "jobs", [
      "kind",
      "payload",
      "case_id",
      "idempotency_key",
      "run_at",
      "attempts",
      "max_attempts",
      "lease_until",
      "leased_by",
      "last_error",
      "done_at",
      "failed_at",
      "created_at",
    ]),
    // The migrations seed the teams; a lead has since set where each one's consults go.
    consultTeamGroup: update(
      sqlite,
      "UPDATE consult_teams SET slack_usergroup_id = @usergroup, updated_by = @updated_by, updated_at = @updated_at WHERE key = @key",
    ),
    consult: insertInto(sqlite, "consults", [
      "case_id",
      "team_id",
      "question",
      "due_at",
      "status",
      "requested_by",
      "requested_at",
      "resume_status",
      "answer",
      "answered_by",
      "answered_at",
      "ping_channel_id",
      "ping_ts",
    ]),
    // A case waiting on an open consult: known only once the consult is written, after the case row.
    caseStatus: update(sqlite, "UPDATE cases SET status = @status WHERE id = @id"),
    consultRecipient: insertInto(sqlite, "consult_recipients", ["consult_id", "user_id"]),
    mediation: insertInto(sqlite, "mediation_entries", [
      "case_id",
      "account_id",
      "channel",
      "summary",
      "offer_kind",
      "offer_amount_minor",
      "offer_currency",
      "outcome",
      "logged_by",
      "logged_at",
    ]),
    page: insertInto(sqlite, "pages", [
      "case_id",
      "trigger",
      "requested_by",
      "primary_user",
      "secondary_user",
      "ack_minutes",
      "status",
      "step",
      "step_at",
      "acked_by",
      "acked_at",
      "created_at",
      "dedupe_key",
    ]),
    slaWatch: insertInto(sqlite, "sla_watch", ["case_id", "risk_at", "due_at", "checked_at"]),
    slaFacts: insertInto(sqlite, "sla_facts", ["case_id", "facts", "through_seq"]),
    role: insertInto(sqlite, "user_roles", ["user_id", "role", "updated_by", "updated_at"]),
    layer: insertInto(sqlite, "oncall_layers", [
      "name",
      "position",
      "time_zone",
      "window_kind",
      "window_from",
      "window_to",
      "users",
      "starts_at",
      "length_hours",
      "handoff_time",
      "created_by",
      "created_at",
      "removed_at",
      "removed_by",
    ]),
    override: insertInto(sqlite, "oncall_overrides", [
      "user_id",
      "starts_at",
      "ends_at",
      "replaces",
      "created_by",
      "created_at",
      "cancelled_at",
      "cancelled_by",
    ]),
  };
}
