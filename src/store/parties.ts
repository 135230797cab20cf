import { and, desc, eq, ne, sql } from "drizzle-orm";
import { type AccountRow, accounts, caseParties, cases } from "../../db/schema.ts";
import type { AccountRole, PartyRole } from "../core/intake.ts";
import type { CaseStatus } from "../core/lifecycle.ts";
import type { Severity } from "../core/severity.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

export interface AccountInput {
  accountRef: string;
  role: AccountRole;
  displayName: string;
}

const upsertAccountStatement = preparedStatement((db) =>
  db
    .insert(accounts)
    .values({
      accountRef: sql.placeholder("accountRef"),
      role: sql.placeholder("role"),
      displayName: sql.placeholder("displayName"),
      createdAt: sql.placeholder("now"),
      updatedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({
      target: [accounts.role, accounts.accountRef],
      // The row this insert proposed (SQLite and PostgreSQL both call it `excluded`).
      set: {
        displayName: sql.raw(`excluded."${accounts.displayName.name}"`),
        updatedAt: sql.raw(`excluded."${accounts.updatedAt.name}"`),
      },
    })
    .returning()
    .prepare(),
);

/** One row per platform account; the latest display name given at intake wins. */
export function upsertAccount(tx: Executor, input: AccountInput, now: number): AccountRow {
  const { accountRef, role, displayName } = input;
  const account = upsertAccountStatement(tx).get({ accountRef, role, displayName, now });
  if (!account) throw new Error("account was not written");
  return account;
}

const addPartyStatement = preparedStatement((db) =>
  db
    .insert(caseParties)
    .values({
      caseId: sql.placeholder("caseId"),
      accountId: sql.placeholder("accountId"),
      partyRole: sql.placeholder("partyRole"),
      addedAt: sql.placeholder("now"),
    })
    .onConflictDoNothing()
    .prepare(),
);

export function addParty(tx: Executor, caseId: number, accountId: number, partyRole: PartyRole, now: number): void {
  addPartyStatement(tx).run({ caseId, accountId, partyRole, now });
}

export interface PartyWithAccount {
  partyRole: PartyRole;
  account: AccountRow;
}

const partiesOfCaseStatement = preparedStatement((db) =>
  db
    .select({ partyRole: caseParties.partyRole, account: accounts })
    .from(caseParties)
    .innerJoin(accounts, eq(caseParties.accountId, accounts.id))
    .where(eq(caseParties.caseId, sql.placeholder("caseId")))
    .orderBy(caseParties.id)
    .prepare(),
);

export function partiesOfCase(tx: Executor, caseId: number): PartyWithAccount[] {
  return partiesOfCaseStatement(tx).all({ caseId });
}

export interface PriorCase {
  humanId: string;
  category: string;
  severity: Severity;
  status: CaseStatus;
  partyRole: PartyRole;
  createdAt: number;
}

const priorCasesStatement = preparedStatement((db) =>
  db
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
    .where(and(eq(caseParties.accountId, sql.placeholder("accountId")), ne(cases.id, sql.placeholder("excludeCaseId"))))
    // Case ids are given in order of opening, so the account's index yields its newest cases first.
    .orderBy(desc(caseParties.caseId))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/** The other cases an account appears in, newest first: the history shown beside each party. */
export function priorCasesOfAccount(tx: Executor, accountId: number, excludeCaseId: number, limit = 5): PriorCase[] {
  return priorCasesStatement(tx).all({ accountId, excludeCaseId, limit });
}

export function accountOf(tx: Executor, accountId: number): AccountRow | undefined {
  return tx.select().from(accounts).where(eq(accounts.id, accountId)).get();
}
