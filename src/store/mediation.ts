import { asc, desc, eq, sql } from "drizzle-orm";
import { accounts, type MediationEntryRow, mediationEntries } from "../../db/schema.ts";
import type { MediationProgress } from "../core/mediation.ts";
import type { Executor } from "./database.ts";
import { eventWithPayloadField, payloadField } from "./events.ts";
import { preparedStatement } from "./preparedStatement.ts";

export function insertMediationEntry(tx: Executor, row: typeof mediationEntries.$inferInsert): MediationEntryRow {
  return tx.insert(mediationEntries).values(row).returning().get();
}

/**
 * The entry a modal (by its view id) already logged on the case, if any. mediation_entries has no
 * view id column, so the `mediation_logged` event, written in the same transaction, is the record of it.
 */
export function mediationEntryLoggedFromView(tx: Executor, caseId: number, viewId: string): number | undefined {
  const event = eventWithPayloadField(tx, { caseId, kind: "mediation_logged", field: "viewId", value: viewId });
  const entryId = event && payloadField(event, "entryId");
  return typeof entryId === "number" ? entryId : undefined;
}

/**
 * Every entry of the case, oldest first, reduced to what the mediation checklist reads. The subquery names its
 * tables: drizzle leaves columns unqualified in a one-table select, and `account_id = account_id` was always true.
 */
export function mediationProgressOfCase(tx: Executor, caseId: number): MediationProgress[] {
  return mediationProgress(tx).all({ caseId });
}

// Both mediation reads serve every case summary and status: prepared once.
const mediationProgress = preparedStatement((db) =>
  db
    .select({
      partyRole: sql<
        string | null
      >`(SELECT party_role FROM case_parties WHERE case_parties.case_id = ${sql.placeholder("caseId")} AND case_parties.account_id = mediation_entries.account_id LIMIT 1)`,
      offerKind: mediationEntries.offerKind,
      outcome: mediationEntries.outcome,
    })
    .from(mediationEntries)
    .where(eq(mediationEntries.caseId, sql.placeholder("caseId")))
    .orderBy(asc(mediationEntries.id))
    .prepare(),
);

export type MediationEntrySummary = Pick<
  MediationEntryRow,
  "channel" | "offerKind" | "offerAmountMinor" | "offerCurrency" | "outcome" | "loggedAt"
> & { partyRole: string | null; accountRef: string };

/** The case's latest mediation entries, newest first, each with the account and its role on the case. */
export function latestMediationOfCase(tx: Executor, caseId: number, limit: number): MediationEntrySummary[] {
  return latestMediation(tx).all({ caseId, limit });
}

const latestMediation = preparedStatement((db) =>
  db
    .select({
      partyRole: sql<
        string | null
      >`(SELECT party_role FROM case_parties WHERE case_id = ${sql.placeholder("caseId")} AND account_id = ${mediationEntries.accountId} LIMIT 1)`,
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
    .where(eq(mediationEntries.caseId, sql.placeholder("caseId")))
    .orderBy(desc(mediationEntries.loggedAt), desc(mediationEntries.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);
