import { and, desc, eq, ne } from "drizzle-orm";
import { type AccountRow, accounts, caseParties, cases } from "../../db/schema.ts";
import type { AccountRole, PartyRole } from "../core/intake.ts";
import type { CaseStatus } from "../core/lifecycle.ts";
import type { Severity } from "../core/severity.ts";
import type { Executor } from "./database.ts";

export interface AccountInput {
  accountRef: string;
  role: AccountRole;
  displayName: string;
}

/** One row per platform account; the latest display name given at intake wins. */
export function upsertAccount(tx: Executor, input: AccountInput, now: number): AccountRow {
  return tx
    .insert(accounts)
    .values({ ...input, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [accounts.role, accounts.accountRef],
      set: { displayName: input.displayName, updatedAt: now },
    })
    .returning()
    .get();
}

export function addParty(tx: Executor, caseId: number, accountId: number, partyRole: PartyRole, now: number): void {
  tx.insert(caseParties).values({ caseId, accountId, partyRole, addedAt: now }).onConflictDoNothing().run();
}

export interface PartyWithAccount {
  partyRole: PartyRole;
  account: AccountRow;
}

export function partiesOfCase(tx: Executor, caseId: number): PartyWithAccount[] {
  return tx
    .select({ partyRole: caseParties.partyRole, account: accounts })
    .from(caseParties)
    .innerJoin(accounts, eq(caseParties.accountId, accounts.id))
    .where(eq(caseParties.caseId, caseId))
    .orderBy(caseParties.id)
    .all();
}

export interface PriorCase {
  humanId: string;
  category: string;
  severity: Severity;
  status: CaseStatus;
  partyRole: PartyRole;
  createdAt: number;
}

/** The other cases an account appears in, newest first: the history shown beside each party. */
export function priorCasesOfAccount(tx: Executor, accountId: number, excludeCaseId: number, limit = 5): PriorCase[] {
  return (
    tx
      .select({
        humanId: cases.humanId,
        category: cases.category,
        severity: cases.severity,
        status: cases.status,
        partyRole: caseParties.partyRole,
        createdAt: cases.createdAt,
      })
      .from(caseParties)
      .innerJoin(cases, eq(caseParties.caseId, cases.id))
      .where(and(eq(caseParties.accountId, accountId), ne(cases.id, excludeCaseId)))
      // Case ids are given in order of opening, so the account's index yields its newest cases first.
      .orderBy(desc(caseParties.caseId))
      .limit(limit)
      .all()
  );
}

export function accountOf(tx: Executor, accountId: number): AccountRow | undefined {
  return tx.select().from(accounts).where(eq(accounts.id, accountId)).get();
}
