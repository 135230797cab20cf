import type Database from "better-sqlite3";

/** Rows per table, in the proportions of years of cases: almost all closed, jobs almost all done. */
export const SHAPE = {
  cases: 4000,
  openCases: 120,
  accounts: 1500,
  eventsPerCase: 12,
  /** One account is a party to many cases and the subject of many decisions (the 578). */
  busyAccountCases: 300,
  jobs: 20000,
  pendingJobs: 40,
} as const;

const MINUTE = 60_000;
/** When the first seeded case opened; the last opens `cases` minutes later. */
export const SEED_START = Date.UTC(2026, 0, 5, 9);
const T0 = SEED_START;

const range = (n: number) => `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n}) `;

/**
 * Fills a migrated database with plain SQL in the shape of a large one, so ANALYZE gives the planner the
 * selectivities it would see at scale. Every table the bot reads on an ack path gets rows.
 */
export function seedLargeDatabaseShape(sqlite: Database.Database): void {
  const { cases, openCases, accounts, eventsPerCase, busyAccountCases, jobs, pendingJobs } = SHAPE;
  const open = cases - openCases;
  sqlite.exec(`
    ${range(cases)}
    INSERT INTO cases (human_id, year, seq, category, category_version, severity, status, title, description, source,
      owner_id, created_by, channel_id, triage_ts, zendesk_ticket, created_at, updated_at)
    SELECT printf('TS-%d-%04d', 2016 + i / 400, i), 2016 + i / 400, i, 'theft', 'v1', 'sev' || (1 + i % 4),
      CASE WHEN i > ${open} THEN 'investigating' WHEN i % 50 = 0 THEN 'merged' ELSE 'closed' END,
      'title ' || i, 'description ' || i, 'phone', 'U' || (i % 40), 'U' || (i % 40), 'C' || i, '1.' || i,
      'Z' || i, ${T0} + i * ${MINUTE}, ${T0} + i * ${MINUTE}
    FROM n;

    ${range(accounts)}
    INSERT INTO accounts (account_ref, role, display_name, created_at, updated_at)
    SELECT 'acct-' || i, CASE WHEN i % 2 = 0 THEN 'pro' ELSE 'customer' END, 'Name ' || i, ${T0}, ${T0} FROM n;

    ${range(cases)}
    INSERT INTO case_parties (case_id, account_id, party_role, added_at)
    SELECT i, 1 + i % ${accounts}, 'reporter', ${T0} FROM n
    UNION ALL SELECT i, CASE WHEN i <= ${busyAccountCases} THEN 1 ELSE 2 + (i * 7) % ${accounts - 1} END, 'respondent', ${T0} FROM n;

    ${range(cases * eventsPerCase)}
    INSERT INTO case_events (case_id, seq, at, actor, kind, payload, prev_hash, hash)
    SELECT 1 + (i - 1) / ${eventsPerCase}, 1 + (i - 1) % ${eventsPerCase}, ${T0} + i * 1000, 'U1',
      CASE (i - 1) % ${eventsPerCase} WHEN 0 THEN 'case_opened' WHEN 1 THEN 'evidence_added' ELSE 'status_changed' END,
      '{}', 'h', 'h'
    FROM n;

    ${range(cases * 2)}
    INSERT INTO evidence (case_id, seq, kind, description, source, redacts_evidence_id, added_by, added_at)
    SELECT 1 + (i - 1) / 2, 1 + (i - 1) % 2, 'note', 'd', 's', NULL, 'U1', ${T0} + i FROM n;
    INSERT INTO evidence_files (evidence_id, sha256, name, size, mime_type, uploaded_by)
    SELECT id, printf('%064d', id), 'f', 1, 'text/plain', 'U1' FROM evidence WHERE id % 3 = 0;

    ${range(cases / 2)}
    INSERT INTO sanction_proposals (case_id, seq, kind, account_id, rung, clauses, facts, evidence_ids,
      guarantee_claim, legal_flag, status, proposed_by, proposed_at, decided_at)
    SELECT 2 * i, 1, 'sanction', CASE WHEN 2 * i <= ${busyAccountCases} THEN 1 ELSE 2 + i % ${accounts - 1} END,
      'suspension_7d', '[]', 'f', '[]', 0, 0, CASE WHEN 2 * i > ${open} THEN 'open' ELSE 'approved' END, 'U1',
      ${T0} + i * ${MINUTE}, ${T0} + i * ${MINUTE}
    FROM n;
    INSERT INTO sanction_votes (proposal_id, voter, choice, rationale, voter_is_lead, voter_is_legal, cast_at)
    SELECT id, 'U2', 'approve', 'r', 1, 0, proposed_at FROM sanction_proposals;
    INSERT INTO decisions (case_id, proposal_id, account_id, rung, puid, statement, supersedes_decision_id,
      decided_at, applies_from)
    SELECT case_id, id, account_id, rung, 'puid-' || id, '{}', CASE WHEN id % 10 = 0 THEN id - 1 END,
      proposed_at, proposed_at
    FROM sanction_proposals WHERE status = 'approved';
    INSERT INTO appeals (case_id, decision_id, grounds, opened_by, opened_at)
    SELECT case_id, id, 'g', 'U1', decided_at FROM decisions WHERE id % 20 = 0;
    INSERT INTO interim_suspensions (case_id, account_id, reason, applied_by, applied_at)
    SELECT case_id, account_id, 'r', 'U1', proposed_at FROM sanction_proposals WHERE id % 5 = 0;

    INSERT OR IGNORE INTO consult_teams (key, name, updated_by, updated_at) VALUES ('legal', 'Legal', 'U1', ${T0});
    ${range(cases / 4)}
    INSERT INTO consults (case_id, team_id, question, due_at, status, requested_by, requested_at, resume_status)
    SELECT 4 * i, (SELECT min(id) FROM consult_teams), 'q', ${T0} + i * ${MINUTE}, CASE WHEN 4 * i > ${open} THEN 'open' ELSE 'answered' END, 'U1',
      ${T0} + i * ${MINUTE}, 'investigating'
    FROM n;
    INSERT INTO consult_recipients (consult_id, user_id) SELECT id, 'UCONS' || (id % 30) FROM consults;

    ${range(cases / 4)}
    INSERT INTO mediation_entries (case_id, account_id, channel, summary, offer_kind, outcome, logged_by, logged_at)
    SELECT 4 * i, 1 + i % ${accounts}, 'phone', 's', 'none', 'pending', 'U1', ${T0} + i FROM n;

    ${range(cases / 2)}
    INSERT INTO pages (case_id, trigger, requested_by, ack_minutes, status, step, created_at)
    SELECT 2 * i, 'auto', 'U1', 15, CASE WHEN 2 * i > ${open} THEN 'paging' ELSE 'acknowledged' END, 'primary', ${T0}
    FROM n;

    ${range(jobs)}
    INSERT INTO jobs (kind, payload, case_id, idempotency_key, run_at, max_attempts, done_at, failed_at, created_at)
    SELECT 'refresh_summary', '{}', 1 + i % ${cases}, 'k' || i, ${T0} + i * 1000, 12,
      CASE WHEN i > ${jobs - pendingJobs} OR i % 97 = 0 THEN NULL ELSE ${T0} + i * 1000 END,
      CASE WHEN i % 97 = 0 THEN ${T0} + i * 1000 END, ${T0}
    FROM n;

    ${range(openCases)}
    INSERT INTO sla_watch (case_id, risk_at, due_at, checked_at)
    SELECT ${open} + i, CASE WHEN i % 3 = 0 THEN NULL ELSE ${T0} + i * ${MINUTE} END,
      CASE WHEN i % 3 = 0 THEN NULL ELSE ${T0} + i * 2 * ${MINUTE} END, ${T0}
    FROM n;

    ${range(2000)}
    INSERT INTO oncall_overrides (user_id, starts_at, ends_at, created_by, created_at)
    SELECT 'U' || (i % 9), ${T0} - i * 3600000, ${T0} - (i - 8) * 3600000, 'U1', ${T0} FROM n;

    ${range(3000)}
    INSERT INTO seen_slack_signatures (signature, expires_at) SELECT 'v0=' || i, ${T0} + i * 1000 FROM n;
    ${range(3000)}
    INSERT INTO processed_slack_events (event_id, received_at) SELECT 'Ev' || i, ${T0} FROM n;
    ${range(3000)}
    INSERT INTO role_changes (user_id, role, changed_by, at) SELECT 'U' || (i % 50), 'specialist', 'U1', ${T0} FROM n;
  `);
  sqlite.exec("ANALYZE");
}
