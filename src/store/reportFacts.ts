import { and, count, eq, gte, inArray, isNotNull, lt, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { appeals, cases, decisions, pages } from "../../db/schema.ts";
import { CASE_STATUSES } from "../core/lifecycle.ts";
import type { Executor } from "./database.ts";

/** A period's instants, [fromAt, toAt), and the category a report is limited to (null: every category). */
export interface ReportScope {
  fromAt: number;
  toAt: number;
  category: string | null;
}

const within = (column: SQLiteColumn, scope: ReportScope) => and(gte(column, scope.fromAt), lt(column, scope.toAt));
const ofCategory = (scope: ReportScope): SQL | undefined =>
  scope.category === null ? undefined : eq(cases.category, scope.category);

/**
 * Cases opened in the period: ids, category and severity only. Every status is named so SQLite walks
 * `cases_status_created` by ranges of created_at instead of reading every case.
 */
export function casesOpenedIn(tx: Executor, scope: ReportScope) {
  return tx
    .select({ id: cases.id, category: cases.category, severity: cases.severity })
    .from(cases)
    .where(and(inArray(cases.status, [...CASE_STATUSES]), within(cases.createdAt, scope), ofCategory(scope)))
    .all();
}

/** The rung of each decision recorded in the period (`decisions_decided`). */
export function decisionRungsIn(tx: Executor, scope: ReportScope) {
  return tx
    .select({ rung: decisions.rung })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .where(and(within(decisions.decidedAt, scope), ofCategory(scope)))
    .all()
    .map((r) => r.rung);
}

/** How many appeals were opened in the period (`appeals_opened`). */
export function appealsOpenedIn(tx: Executor, scope: ReportScope): number {
  const row = tx
    .select({ n: count() })
    .from(appeals)
    .innerJoin(cases, eq(cases.id, appeals.caseId))
    .where(and(within(appeals.openedAt, scope), ofCategory(scope)))
    .get();
  return row?.n ?? 0;
}

/** The outcome of each appeal decided in the period (`appeals_decided`). */
export function appealOutcomesIn(tx: Executor, scope: ReportScope): string[] {
  return tx
    .select({ outcome: appeals.outcome })
    .from(appeals)
    .innerJoin(cases, eq(cases.id, appeals.caseId))
    .where(and(within(appeals.decidedAt, scope), isNotNull(appeals.outcome), ofCategory(scope)))
    .all()
    .flatMap((r) => (r.outcome === null ? [] : [r.outcome]));
}

/** Pages sent in the period, with when (if) each was acknowledged (`pages_created`). */
export function pagesSentIn(tx: Executor, scope: ReportScope) {
  return tx
    .select({ createdAt: pages.createdAt, ackedAt: pages.ackedAt, ackMinutes: pages.ackMinutes })
    .from(pages)
    .innerJoin(cases, eq(cases.id, pages.caseId))
    .where(and(within(pages.createdAt, scope), ofCategory(scope)))
    .all();
}
