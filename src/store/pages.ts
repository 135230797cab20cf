import { and, desc, eq, ne, sql } from "drizzle-orm";
import { type PageRow, pages } from "../../db/schema.ts";
import type { Executor } from "./database.ts";
import { preparedStatement } from "./preparedStatement.ts";

export interface NewPage {
  caseId: number;
  trigger: "auto" | "manual";
  requestedBy: string;
  primaryUser: string | null;
  secondaryUser: string | null;
  ackMinutes: number;
  createdAt: number;
  dedupeKey: string | null;
}

/** Inserts a page at the start of its ladder; undefined when a page with the same dedupe key exists. */
export function insertPage(tx: Executor, page: NewPage): PageRow | undefined {
  return insertPageStatement(tx).get({ ...page });
}

const insertPageStatement = preparedStatement((db) =>
  db
    .insert(pages)
    .values({
      caseId: sql.placeholder("caseId"),
      trigger: sql.placeholder("trigger"),
      requestedBy: sql.placeholder("requestedBy"),
      primaryUser: sql.placeholder("primaryUser"),
      secondaryUser: sql.placeholder("secondaryUser"),
      ackMinutes: sql.placeholder("ackMinutes"),
      createdAt: sql.placeholder("createdAt"),
      dedupeKey: sql.placeholder("dedupeKey"),
      status: "paging",
      step: "primary",
    })
    .onConflictDoNothing({ target: pages.dedupeKey })
    .returning()
    .prepare(),
);

const pageById = preparedStatement((db) =>
  db
    .select()
    .from(pages)
    .where(eq(pages.id, sql.placeholder("id")))
    .prepare(),
);

/** Read for every page step the job runner looks at (where it posts), so prepared once. */
export function getPage(tx: Executor, id: number): PageRow | undefined {
  return pageById(tx).get({ id });
}

/**
 * The case's latest page still climbing its ladder, if any. One whose ladder ran out (the escalation
 * channel was told) no longer counts: that is when someone most needs to page by hand.
 */
export function openPageOfCase(tx: Executor, caseId: number): PageRow | undefined {
  return tx
    .select()
    .from(pages)
    .where(and(eq(pages.caseId, caseId), eq(pages.status, "paging")))
    .orderBy(desc(pages.id))
    .get();
}

export function updatePage(
  tx: Executor,
  id: number,
  patch: Partial<Pick<PageRow, "status" | "step" | "stepAt" | "ackedBy" | "ackedAt">>,
): PageRow {
  return tx.update(pages).set(patch).where(eq(pages.id, id)).returning().get();
}

/** Marks the page acknowledged unless someone already did; undefined when they had. */
export function acknowledgePageRow(tx: Executor, id: number, by: string, at: number): PageRow | undefined {
  return tx
    .update(pages)
    .set({ status: "acknowledged", ackedBy: by, ackedAt: at })
    .where(and(eq(pages.id, id), ne(pages.status, "acknowledged")))
    .returning()
    .get();
}
