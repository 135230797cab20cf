import { type AnyColumn, and, asc, desc, eq, gt, inArray, isNull, lte, ne, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  accounts,
  appeals,
  type CaseEventRow,
  caseEventRedactions,
  caseEvents,
  caseParties,
  caseRedactions,
  cases,
  consults,
  decisions,
  evidence,
  evidenceFiles,
  interimSuspensions,
  type LegalHoldRow,
  legalHolds,
  mediationEntries,
  sanctionProposals,
  sanctionVotes,
} from "../../db/schema.ts";
import { REDACTED } from "../core/retention.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

// Read by every case summary and status: prepared once.
const activeHoldOfCase = preparedStatement((db) =>
  db
    .select()
    .from(legalHolds)
    .where(and(eq(legalHolds.caseId, sql.placeholder("caseId")), isNull(legalHolds.releasedAt)))
    .prepare(),
);

export function activeLegalHold(tx: Executor, caseId: number): LegalHoldRow | undefined {
  return activeHoldOfCase(tx).get({ caseId });
}

export function insertLegalHold(tx: Executor, row: typeof legalHolds.$inferInsert): LegalHoldRow {
  return tx.insert(legalHolds).values(row).returning().get();
}

export function releaseLegalHold(tx: Executor, id: number, release: { releasedBy: string; releasedAt: number }): void {
  tx.update(legalHolds).set(release).where(eq(legalHolds.id, id)).run();
}

export function isCaseRedacted(tx: Executor, caseId: number): boolean {
  return tx.select().from(caseRedactions).where(eq(caseRedactions.caseId, caseId)).get() !== undefined;
}

/** Recorded first in the redaction's transaction: the append-only triggers let a redacted case's texts go. */
export function markCaseRedacted(tx: Executor, caseId: number, at: number): void {
  tx.insert(caseRedactions).values({ caseId, redactedAt: at }).run();
}

const unredacted = (caseId: AnyColumn) =>
  notExists(sql`(SELECT 1 FROM ${caseRedactions} WHERE ${caseRedactions.caseId} = ${caseId})`);

/**
 * Closed, unredacted cases in (afterId, throughId] created by `createdBefore`: a window of the primary key;
 * a case created later cannot have closed long enough ago to be due.
 */
export function closedCaseIdsBetween(
  tx: Executor,
  window: { afterId: number; throughId: number; createdBefore: number },
): number[] {
  return tx
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        gt(cases.id, window.afterId),
        lte(cases.id, window.throughId),
        eq(cases.status, "closed"),
        lte(cases.createdAt, window.createdBefore),
        unredacted(cases.id),
      ),
    )
    .orderBy(asc(cases.id))
    .all()
    .map((r) => r.id);
}

/** The instant of the case's latest move to closed, read back from the newest event (a close is near the end). */
export function closedAtOfCase(tx: Executor, caseId: number): number | null {
  const newestFirst = tx
    .select({ at: caseEvents.at, payload: caseEvents.payload })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(desc(caseEvents.seq))
    .all();
  const close = newestFirst.find(
    (e) => (JSON.parse(e.payload) as { status?: { to?: string } }).status?.to === "closed",
  );
  return close?.at ?? null;
}

/** Rewrites one event's payload to its sealed form: recorded first, so the case_events trigger allows exactly it. */
export function sealEventPayload(tx: Executor, event: CaseEventRow, sealedPayload: string): void {
  tx.insert(caseEventRedactions).values({ eventId: event.id, caseId: event.caseId, sealedPayload }).run();
  tx.update(caseEvents).set({ payload: sealedPayload }).where(eq(caseEvents.id, event.id)).run();
}

/** The case's title, description and hold reasons become the marker, its Zendesk ticket goes; search reindexes it. */
export function redactCaseTexts(tx: Executor, caseId: number): { zendeskTicket: number; holdReasons: number } {
  const before = tx.select({ ticket: cases.zendeskTicket }).from(cases).where(eq(cases.id, caseId)).get();
  tx.update(cases)
    .set({ title: REDACTED, description: REDACTED, zendeskTicket: null })
    .where(eq(cases.id, caseId))
    .run();
  const holds = tx.update(legalHolds).set({ reason: REDACTED }).where(eq(legalHolds.caseId, caseId)).run();
  return { zendeskTicket: before?.ticket ? 1 : 0, holdReasons: holds.changes };
}

/** Every evidence entry's texts and link, and every file's name; entries, hashes and sizes stay. */
export function redactEvidenceTexts(tx: Executor, caseId: number): { entries: number; links: number; files: number } {
  const entries = tx
    .select({ id: evidence.id, link: evidence.link })
    .from(evidence)
    .where(eq(evidence.caseId, caseId))
    .all();
  if (entries.length === 0) return { entries: 0, links: 0, files: 0 };
  tx.update(evidence)
    .set({ description: REDACTED, source: REDACTED, link: null })
    .where(eq(evidence.caseId, caseId))
    .run();
  const ids = entries.map((e) => e.id);
  const files = tx.update(evidenceFiles).set({ name: REDACTED }).where(inArray(evidenceFiles.evidenceId, ids)).run();
  return { entries: entries.length, links: entries.filter((e) => e.link !== null).length, files: files.changes };
}

/** The distinct hashes of the case's files. */
export function blobHashesOfCase(tx: Executor, caseId: number): string[] {
  return tx
    .selectDistinct({ sha256: evidenceFiles.sha256 })
    .from(evidenceFiles)
    .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
    .where(eq(evidence.caseId, caseId))
    .all()
    .map((r) => r.sha256);
}

const redactions = alias(evidence, "redactions");

/** Whether an unredacted entry of another unredacted case holds these bytes (they are stored once by hash). */
export function isBlobHeldElsewhere(tx: Executor, sha256: string, caseId: number): boolean {
  const row = tx
    .select({ id: evidenceFiles.id })
    .from(evidenceFiles)
    .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
    .leftJoin(redactions, eq(redactions.redactsEvidenceId, evidenceFiles.evidenceId))
    .where(
      and(
        eq(evidenceFiles.sha256, sha256),
        ne(evidence.caseId, caseId),
        sql`${redactions.id} IS NULL`,
        unredacted(evidence.caseId),
      ),
    )
    .limit(1)
    .get();
  return row !== undefined;
}

/** The display name of each party account no unredacted case still names becomes the marker; how many did. */
export function redactUnsharedAccountNames(tx: Executor, caseId: number): number {
  const otherParties = alias(caseParties, "other_parties");
  const ids = tx
    .select({ id: caseParties.accountId })
    .from(caseParties)
    .where(
      and(
        eq(caseParties.caseId, caseId),
        notExists(
          tx
            .select({ id: otherParties.id })
            .from(otherParties)
            .where(
              and(
                eq(otherParties.accountId, caseParties.accountId),
                ne(otherParties.caseId, caseId),
                unredacted(otherParties.caseId),
              ),
            ),
        ),
      ),
    )
    .all()
    .map((r) => r.id);
  if (ids.length === 0) return 0;
  return tx.update(accounts).set({ displayName: REDACTED }).where(inArray(accounts.id, ids)).run().changes;
}

/**
 * The texts people typed while working the case: consult questions and answers, mediation summaries, proposal
 * facts, vote rationales, appeal grounds and rationales, interim reasons. Field name → rows changed.
 */
export function redactCaseWorkTexts(tx: Executor, caseId: number): Record<string, number> {
  const proposalIds = tx
    .select({ id: sanctionProposals.id })
    .from(sanctionProposals)
    .where(eq(sanctionProposals.caseId, caseId))
    .all()
    .map((r) => r.id);
  const votes =
    proposalIds.length === 0
      ? 0
      : tx
          .update(sanctionVotes)
          .set({ rationale: REDACTED })
          .where(inArray(sanctionVotes.proposalId, proposalIds))
          .run().changes;
  const answered = and(eq(consults.caseId, caseId), sql`${consults.answer} IS NOT NULL`);
  const reviewed = and(eq(appeals.caseId, caseId), sql`${appeals.rationale} IS NOT NULL`);
  return {
    "consult.question": tx.update(consults).set({ question: REDACTED }).where(eq(consults.caseId, caseId)).run()
      .changes,
    "consult.answer": tx.update(consults).set({ answer: REDACTED }).where(answered).run().changes,
    "mediation.summary": tx
      .update(mediationEntries)
      .set({ summary: REDACTED })
      .where(eq(mediationEntries.caseId, caseId))
      .run().changes,
    "proposal.facts": tx
      .update(sanctionProposals)
      .set({ facts: REDACTED })
      .where(eq(sanctionProposals.caseId, caseId))
      .run().changes,
    "vote.rationale": votes,
    "appeal.grounds": tx.update(appeals).set({ grounds: REDACTED }).where(eq(appeals.caseId, caseId)).run().changes,
    "appeal.rationale": tx.update(appeals).set({ rationale: REDACTED }).where(reviewed).run().changes,
    "decision.statement.decision_facts": redactDecisionFacts(tx, caseId),
    "interim.reason": tx
      .update(interimSuspensions)
      .set({ reason: REDACTED })
      .where(eq(interimSuspensions.caseId, caseId))
      .run().changes,
  };
}

/** The facts each decision's statement of reasons carries (the proposal's, as typed); its other fields stay. */
function redactDecisionFacts(tx: Executor, caseId: number): number {
  const statements = tx
    .select({ id: decisions.id, statement: decisions.statement })
    .from(decisions)
    .where(eq(decisions.caseId, caseId))
    .all()
    .filter((d) => d.statement.decision_facts !== REDACTED);
  for (const { id, statement } of statements) {
    tx.update(decisions)
      .set({ statement: { ...statement, decision_facts: REDACTED } })
      .where(eq(decisions.id, id))
      .run();
  }
  return statements.length;
}
