import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { PolicyClauseId } from "../../src/core/categories.ts";
import {
  APPEAL_OUTCOMES,
  INTERIM_RESOLUTIONS,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  SANCTION_RUNG_IDS,
  VOTE_CHOICES,
} from "../../src/core/sanctions.ts";
import type { StatementOfReasons } from "../../src/core/statementOfReasons.ts";
import { accountRef, caseRef } from "./cases.ts";
import { rowId } from "./columns.ts";

/** A proposed sanction (or, on appeal, overturn or modification), decided by votes under the four-eyes rules. */
export const sanctionProposals = sqliteTable(
  "sanction_proposals",
  {
    id: rowId(),
    caseId: caseRef(),
    /** P1, P2, … within the case. */
    seq: integer("seq").notNull(),
    kind: text("kind", { enum: PROPOSAL_KINDS }).notNull(),
    accountId: accountRef(),
    rung: text("rung", { enum: SANCTION_RUNG_IDS }).notNull(),
    /** Policy clause ids. */
    clauses: text("clauses", { mode: "json" }).$type<PolicyClauseId[]>().notNull(),
    facts: text("facts").notNull(),
    /** Evidence ids relied on. */
    evidenceIds: text("evidence_ids", { mode: "json" }).$type<number[]>().notNull(),
    guaranteeClaim: integer("guarantee_claim", { mode: "boolean" }).notNull(),
    legalFlag: integer("legal_flag", { mode: "boolean" }).notNull(),
    /** For overturns and modifications: the decision under appeal. */
    appealId: integer("appeal_id"),
    status: text("status", { enum: PROPOSAL_STATUSES }).notNull(),
    proposedBy: text("proposed_by").notNull(),
    proposedAt: integer("proposed_at").notNull(),
    decidedAt: integer("decided_at"),
    requestViewId: text("request_view_id").unique(),
    messageChannelId: text("message_channel_id"),
    messageTs: text("message_ts"),
  },
  (t) => [
    uniqueIndex("sanction_proposals_case_seq").on(t.caseId, t.seq),
    index("sanction_proposals_status").on(t.status),
  ],
);
export type SanctionProposalRow = typeof sanctionProposals.$inferSelect;

/** Votes are append-only: a changed vote is a new row that supersedes the voter's earlier one. */
export const sanctionVotes = sqliteTable(
  "sanction_votes",
  {
    id: rowId(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => sanctionProposals.id),
    voter: text("voter").notNull(),
    choice: text("choice", { enum: VOTE_CHOICES }).notNull(),
    rationale: text("rationale").notNull(),
    voterIsLead: integer("voter_is_lead", { mode: "boolean" }).notNull(),
    voterIsLegal: integer("voter_is_legal", { mode: "boolean" }).notNull(),
    castAt: integer("cast_at").notNull(),
    viewId: text("view_id").unique(),
  },
  (t) => [index("sanction_votes_proposal").on(t.proposalId)],
);
export type SanctionVoteRow = typeof sanctionVotes.$inferSelect;

/** Decisions as DSA statements of reasons; append-only (a reversal is a new decision). */
export const decisions = sqliteTable(
  "decisions",
  {
    id: rowId(),
    caseId: caseRef(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => sanctionProposals.id),
    accountId: accountRef(),
    rung: text("rung", { enum: SANCTION_RUNG_IDS }).notNull(),
    puid: text("puid").notNull().unique(),
    /** The statement of reasons, in the Transparency Database's field names. */
    statement: text("statement", { mode: "json" }).$type<StatementOfReasons>().notNull(),
    /** The decision this one reverses or replaces, on appeal. */
    supersedesDecisionId: integer("supersedes_decision_id"),
    decidedAt: integer("decided_at").notNull(),
    appliesFrom: integer("applies_from").notNull(),
    appliesUntil: integer("applies_until"),
  },
  (t) => [
    index("decisions_account").on(t.accountId, t.decidedAt),
    index("decisions_decided").on(t.decidedAt),
    // A case's decisions: numbering the next one, redacting their facts, storing their export texts.
    index("decisions_case").on(t.caseId),
    // Strikes ask of each decision whether a later one supersedes it.
    index("decisions_supersedes").on(t.supersedesDecisionId).where(sql`${t.supersedesDecisionId} IS NOT NULL`),
  ],
);
export type DecisionRow = typeof decisions.$inferSelect;

export const appeals = sqliteTable(
  "appeals",
  {
    id: rowId(),
    caseId: caseRef(),
    decisionId: integer("decision_id")
      .notNull()
      .references(() => decisions.id),
    grounds: text("grounds").notNull(),
    openedBy: text("opened_by").notNull(),
    openedAt: integer("opened_at").notNull(),
    reviewer: text("reviewer"),
    outcome: text("outcome", { enum: APPEAL_OUTCOMES }),
    rationale: text("rationale"),
    decidedAt: integer("decided_at"),
  },
  (t) => [
    index("appeals_decision").on(t.decisionId),
    // Reports read the appeals opened, and the appeals decided, in a period.
    index("appeals_opened").on(t.openedAt),
    index("appeals_decided").on(t.decidedAt),
  ],
);
export type AppealRow = typeof appeals.$inferSelect;

/** Interim protective suspensions on SEV1/SEV2 cases, until a decision confirms or lifts them. */
export const interimSuspensions = sqliteTable(
  "interim_suspensions",
  {
    id: rowId(),
    caseId: caseRef(),
    accountId: accountRef(),
    reason: text("reason").notNull(),
    appliedBy: text("applied_by").notNull(),
    appliedAt: integer("applied_at").notNull(),
    /** Set by a decision; null while in force. */
    resolution: text("resolution", { enum: INTERIM_RESOLUTIONS }),
    resolvedBy: text("resolved_by"),
    resolvedAt: integer("resolved_at"),
  },
  (t) => [index("interim_case").on(t.caseId)],
);
export type InterimSuspensionRow = typeof interimSuspensions.$inferSelect;
