import { and, asc, desc, eq, gt, inArray, lte, max, type Placeholder, type SQL, sql } from "drizzle-orm";
import {
  type CaseRow,
  CLOSED_CASE_STATUS_LIST,
  cases,
  consultRecipients,
  consults,
  type NewCaseRow,
} from "../../db/schema.ts";
import type { Severity } from "../core/severity.ts";
import type { Executor } from "./database.ts";
import { openCaseCounts } from "./operationalCounts.ts";
import { preparedStatement } from "./preparedStatement.ts";

/** What a new case is written with; owner, channel and the rest are set later, as the case moves on. */
export type NewCase = Pick<
  NewCaseRow,
  | "humanId"
  | "year"
  | "seq"
  | "category"
  | "categoryVersion"
  | "severity"
  | "status"
  | "title"
  | "description"
  | "source"
  | "createdBy"
  | "createdAt"
  | "updatedAt"
> &
  Partial<Pick<NewCaseRow, "occurredAt" | "zendeskTicket" | "intakeViewId">>;

const insertCaseStatement = preparedStatement((db) =>
  db
    .insert(cases)
    .values({
      humanId: sql.placeholder("humanId"),
      year: sql.placeholder("year"),
      seq: sql.placeholder("seq"),
      category: sql.placeholder("category"),
      categoryVersion: sql.placeholder("categoryVersion"),
      severity: sql.placeholder("severity"),
      status: sql.placeholder("status"),
      title: sql.placeholder("title"),
      description: sql.placeholder("description"),
      source: sql.placeholder("source"),
      occurredAt: sql.placeholder("occurredAt"),
      zendeskTicket: sql.placeholder("zendeskTicket"),
      createdBy: sql.placeholder("createdBy"),
      intakeViewId: sql.placeholder("intakeViewId"),
      createdAt: sql.placeholder("createdAt"),
      updatedAt: sql.placeholder("updatedAt"),
    })
    .returning()
    .prepare(),
);

export function insertCase(tx: Executor, row: NewCase): CaseRow {
  const record = insertCaseStatement(tx).get({ occurredAt: null, zendeskTicket: null, intakeViewId: null, ...row });
  if (!record) throw new Error(`case ${row.humanId} was not inserted`);
  return record;
}

const lastSeqOfYear = preparedStatement((db) =>
  db
    .select({ last: max(cases.seq) })
    .from(cases)
    .where(eq(cases.year, sql.placeholder("year")))
    .prepare(),
);

export function nextCaseSeq(tx: Executor, year: number): number {
  return (lastSeqOfYear(tx).get({ year })?.last ?? 0) + 1;
}

const caseById = preparedStatement((db) =>
  db
    .select()
    .from(cases)
    .where(eq(cases.id, sql.placeholder("id")))
    .prepare(),
);

export function getCase(tx: Executor, id: number): CaseRow | undefined {
  return caseById(tx).get({ id });
}

const caseByHumanId = preparedStatement((db) =>
  db
    .select()
    .from(cases)
    .where(eq(cases.humanId, sql.placeholder("humanId")))
    .prepare(),
);

export function getCaseByHumanId(tx: Executor, humanId: string): CaseRow | undefined {
  return caseByHumanId(tx).get({ humanId: humanId.toUpperCase() });
}

const caseByIntakeView = preparedStatement((db) =>
  db
    .select()
    .from(cases)
    .where(eq(cases.intakeViewId, sql.placeholder("viewId")))
    .prepare(),
);

export function getCaseByIntakeView(tx: Executor, viewId: string): CaseRow | undefined {
  return caseByIntakeView(tx).get({ viewId });
}

export function getCaseByChannel(tx: Executor, channelId: string): CaseRow | undefined {
  return tx.select().from(cases).where(eq(cases.channelId, channelId)).get();
}

export function getCaseByTriageThread(tx: Executor, ts: string): CaseRow | undefined {
  return tx.select().from(cases).where(eq(cases.triageTs, ts)).get();
}

export function updateCase(tx: Executor, id: number, patch: Partial<NewCaseRow>): CaseRow {
  return tx.update(cases).set(patch).where(eq(cases.id, id)).returning().get();
}

/** A case still being worked: not resolved, closed or merged; the WHERE term of the open-case indexes. */
export const isOpen = sql`${cases.status} NOT IN (${CLOSED_CASE_STATUS_LIST})`;

/** Cases with a consult sent to this person: all a consultant may see. */
const consultedBy = (userId: string | Placeholder) =>
  inArray(
    cases.id,
    sql`(SELECT ${consults.caseId} FROM ${consults} JOIN ${consultRecipients} ON ${consultRecipients.consultId} = ${consults.id} WHERE ${consultRecipients.userId} = ${userId})`,
  );

const openScope = (onlyConsultedBy: string | Placeholder | undefined) =>
  onlyConsultedBy ? and(isOpen, consultedBy(onlyConsultedBy)) : isOpen;

const openCasesPage = (scope: SQL | undefined) =>
  preparedStatement((db) =>
    db
      .select()
      .from(cases)
      .where(scope)
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(sql.placeholder("limit"))
      .offset(sql.placeholder("offset"))
      .prepare(),
  );
const everyOpenCasePage = openCasesPage(isOpen);
const consultedOpenCasePage = openCasesPage(openScope(sql.placeholder("userId")));

/** Open cases, newest first; `onlyConsultedBy` narrows them to one consultant's. */
export function listOpenCases(
  tx: Executor,
  page: { limit: number; offset: number; onlyConsultedBy?: string | undefined },
): CaseRow[] {
  const { limit, offset, onlyConsultedBy } = page;
  if (onlyConsultedBy === undefined) return everyOpenCasePage(tx).all({ limit, offset });
  return consultedOpenCasePage(tx).all({ limit, offset, userId: onlyConsultedBy });
}

/** Open cases by severity, summed over the open statuses of the kept counts; severities with none are left out. */
export function openCaseCountsBySeverity(tx: Executor): Record<string, number> {
  const bySeverity: Record<string, number> = {};
  for (const { severity, cases: n } of openCaseCounts(tx)) bySeverity[severity] = (bySeverity[severity] ?? 0) + n;
  return bySeverity;
}

/**
 * All open cases from the kept counts; one consultant's are counted from their consults, a few at most, since
 * the counts know nothing of who was consulted.
 */
export function countOpenCases(tx: Executor, onlyConsultedBy?: string): number {
  if (onlyConsultedBy === undefined) {
    return Object.values(openCaseCountsBySeverity(tx)).reduce((total, n) => total + n, 0);
  }
  const row = tx.select({ n: sql<number>`count(*)` }).from(cases).where(openScope(onlyConsultedBy)).get();
  return row?.n ?? 0;
}

const newestOpenWhere = (column: typeof cases.createdBy | typeof cases.ownerId) =>
  preparedStatement((db) =>
    db
      .select()
      .from(cases)
      .where(and(isOpen, eq(column, sql.placeholder("userId"))))
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  );
const openCasesCreatedBy = newestOpenWhere(cases.createdBy);
const openCasesOwnedBy = newestOpenWhere(cases.ownerId);

/**
 * Open cases a user opened or owns, newest first. Two reads, one per index, merged here: an OR of the two
 * columns would make SQLite sort every match.
 */
export function openCasesOfUser(tx: Executor, userId: string, limit: number): CaseRow[] {
  const values = { userId, limit };
  const mine = [...openCasesCreatedBy(tx).all(values), ...openCasesOwnedBy(tx).all(values)];
  const byId = new Map(mine.map((c) => [c.id, c]));
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).slice(0, limit);
}

/** Open cases of the given severities, most severe first, then oldest first. */
export function openCasesOfSeverities(tx: Executor, severities: readonly Severity[], limit: number): CaseRow[] {
  return tx
    .select()
    .from(cases)
    .where(and(isOpen, inArray(cases.severity, [...severities])))
    .orderBy(asc(cases.severity), asc(cases.createdAt), asc(cases.id))
    .limit(limit)
    .all();
}

/** Ids of the open cases in (afterId, throughId], oldest first: a bounded window of the primary key. */
export function openCaseIdsBetween(tx: Executor, afterId: number, throughId: number): number[] {
  return tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(gt(cases.id, afterId), lte(cases.id, throughId), isOpen))
    .orderBy(asc(cases.id))
    .all()
    .map((r) => r.id);
}

/** The highest case id so far (0 with no cases): read from the end of the primary key, not a scan. */
export function lastCaseId(tx: Executor): number {
  return (
    tx
      .select({ last: max(cases.id) })
      .from(cases)
      .get()?.last ?? 0
  );
}
