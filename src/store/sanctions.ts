import { and, asc, count, eq, gte, inArray, lt, max, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  accounts,
  cases,
  consultRecipients,
  consults,
  consultTeams,
  type DecisionRow,
  decisions,
  type SanctionProposalRow,
  type SanctionVoteRow,
  sanctionProposals,
  sanctionVotes,
} from "../../db/schema.ts";
import { type ProposalStatus, UNDECIDED_STATUSES } from "../core/sanctions.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

// Proposals

export function nextProposalSeq(tx: Executor, caseId: number): number {
  const row = tx
    .select({ last: max(sanctionProposals.seq) })
    .from(sanctionProposals)
    .where(eq(sanctionProposals.caseId, caseId))
    .get();
  return (row?.last ?? 0) + 1;
}

export function insertProposal(tx: Executor, row: typeof sanctionProposals.$inferInsert): SanctionProposalRow {
  return tx.insert(sanctionProposals).values(row).returning().get();
}

export function getProposal(tx: Executor, id: number): SanctionProposalRow | undefined {
  return tx.select().from(sanctionProposals).where(eq(sanctionProposals.id, id)).get();
}

export function proposalByRequestView(tx: Executor, viewId: string): SanctionProposalRow | undefined {
  return tx.select().from(sanctionProposals).where(eq(sanctionProposals.requestViewId, viewId)).get();
}

export function proposalsOfCase(tx: Executor, caseId: number): SanctionProposalRow[] {
  return tx
    .select()
    .from(sanctionProposals)
    .where(eq(sanctionProposals.caseId, caseId))
    .orderBy(asc(sanctionProposals.seq))
    .all();
}

// Read by every case summary and status: prepared once, the undecided statuses bound with it.
const undecidedOfCase = preparedStatement((db) =>
  db
    .select()
    .from(sanctionProposals)
    .where(
      and(
        eq(sanctionProposals.caseId, sql.placeholder("caseId")),
        inArray(sanctionProposals.status, [...UNDECIDED_STATUSES]),
      ),
    )
    .orderBy(asc(sanctionProposals.seq))
    .prepare(),
);

export function undecidedProposalsOfCase(tx: Executor, caseId: number): SanctionProposalRow[] {
  return undecidedOfCase(tx).all({ caseId });
}

/** Moves an undecided proposal on; undefined when it was decided meanwhile. */
export function settleProposal(
  tx: Executor,
  id: number,
  change: { status: ProposalStatus; decidedAt: number | null },
): SanctionProposalRow | undefined {
  return tx
    .update(sanctionProposals)
    .set(change)
    .where(and(eq(sanctionProposals.id, id), inArray(sanctionProposals.status, [...UNDECIDED_STATUSES])))
    .returning()
    .get();
}

export function setProposalMessage(tx: Executor, id: number, message: { channelId: string; ts: string }): void {
  tx.update(sanctionProposals)
    .set({ messageChannelId: message.channelId, messageTs: message.ts })
    .where(eq(sanctionProposals.id, id))
    .run();
}

// Votes (append-only)

/** Returns undefined when this view already cast a vote (a double-clicked submit). */
export function insertVote(tx: Executor, row: typeof sanctionVotes.$inferInsert): SanctionVoteRow | undefined {
  return tx.insert(sanctionVotes).values(row).onConflictDoNothing({ target: sanctionVotes.viewId }).returning().get();
}

export function voteByView(tx: Executor, viewId: string): SanctionVoteRow | undefined {
  return tx.select().from(sanctionVotes).where(eq(sanctionVotes.viewId, viewId)).get();
}

/** Every vote on the proposal, oldest first, superseded ones included. */
export function votesOfProposal(tx: Executor, proposalId: number): SanctionVoteRow[] {
  return tx
    .select()
    .from(sanctionVotes)
    .where(eq(sanctionVotes.proposalId, proposalId))
    .orderBy(asc(sanctionVotes.id))
    .all();
}

// Decisions (append-only)

export function insertDecision(tx: Executor, row: typeof decisions.$inferInsert): DecisionRow {
  return tx.insert(decisions).values(row).returning().get();
}

export function decisionCountOfCase(tx: Executor, caseId: number): number {
  return tx.select({ n: count() }).from(decisions).where(eq(decisions.caseId, caseId)).get()?.n ?? 0;
}

export function getDecision(tx: Executor, id: number): DecisionRow | undefined {
  return tx.select().from(decisions).where(eq(decisions.id, id)).get();
}

export function decisionOfProposal(tx: Executor, proposalId: number): DecisionRow | undefined {
  return tx.select().from(decisions).where(eq(decisions.proposalId, proposalId)).get();
}

export interface DecisionWithCase extends DecisionRow {
  caseHumanId: string;
  accountRef: string;
}

/** Decisions taken in [fromMs, toMs), oldest first, with their case's human id: what an export lists. */
export function decisionsBetween(tx: Executor, fromMs: number, toMs: number): DecisionWithCase[] {
  return tx
    .select({ decision: decisions, caseHumanId: cases.humanId, accountRef: accounts.accountRef })
    .from(decisions)
    .innerJoin(cases, eq(decisions.caseId, cases.id))
    .innerJoin(accounts, eq(decisions.accountId, accounts.id))
    .where(and(gte(decisions.decidedAt, fromMs), lt(decisions.decidedAt, toMs)))
    .orderBy(asc(decisions.decidedAt), asc(decisions.id))
    .all()
    .map((r) => ({ ...r.decision, caseHumanId: r.caseHumanId, accountRef: r.accountRef }));
}

const later = alias(decisions, "later");

export type StandingDecision = Pick<DecisionRow, "id" | "rung" | "decidedAt">;

/**
 * An account's decisions since `sinceMs` that no later decision reverses or replaces: one range of the
 * account's index, each checked against the supersedes index, and only the columns strikes count.
 */
export function standingDecisionsOfAccount(tx: Executor, accountId: number, sinceMs: number): StandingDecision[] {
  return standingDecisions(tx).all({ accountId, sinceMs });
}

// Read for each party before the intake's answer: prepared once.
const standingDecisions = preparedStatement((db) => {
  const superseded = db.select({ one: sql`1` }).from(later).where(eq(later.supersedesDecisionId, decisions.id));
  return db
    .select({ id: decisions.id, rung: decisions.rung, decidedAt: decisions.decidedAt })
    .from(decisions)
    .where(
      and(
        eq(decisions.accountId, sql.placeholder("accountId")),
        gte(decisions.decidedAt, sql.placeholder("sinceMs")),
        notExists(superseded),
      ),
    )
    .orderBy(asc(decisions.decidedAt))
    .prepare();
});

// Legal

/** Whether a consult to the team keyed `teamKey` on this case was sent to this person. */
export function isTeamRecipientOnCase(tx: Executor, query: { userId: string; caseId: number; teamKey: string }) {
  return (
    tx
      .select({ id: consults.id })
      .from(consultRecipients)
      .innerJoin(consults, eq(consultRecipients.consultId, consults.id))
      .innerJoin(consultTeams, eq(consults.teamId, consultTeams.id))
      .where(
        and(
          eq(consultRecipients.userId, query.userId),
          eq(consults.caseId, query.caseId),
          eq(consultTeams.key, query.teamKey),
        ),
      )
      .get() !== undefined
  );
}
