import { and, asc, desc, eq, sql } from "drizzle-orm";
import { type ConsultRow, type ConsultTeamRow, consultRecipients, consults, consultTeams } from "../../db/schema.ts";
import type { Executor } from "./database.ts";
import { eventWithPayloadField } from "./events.ts";
import { preparedStatement } from "./preparedStatement.ts";

export function listConsultTeams(tx: Executor): ConsultTeamRow[] {
  return tx.select().from(consultTeams).orderBy(asc(consultTeams.name)).all();
}

export function getConsultTeamByKey(tx: Executor, key: string): ConsultTeamRow | undefined {
  return tx.select().from(consultTeams).where(eq(consultTeams.key, key)).get();
}

export function getConsultTeam(tx: Executor, id: number): ConsultTeamRow | undefined {
  return tx.select().from(consultTeams).where(eq(consultTeams.id, id)).get();
}

/** Creates the team or points it at a new target; a team has one target, a user group or a channel. */
export function upsertConsultTeam(
  tx: Executor,
  team: {
    key: string;
    name: string;
    slackUsergroupId: string | null;
    slackChannelId: string | null;
    updatedBy: string;
    updatedAt: number;
  },
): ConsultTeamRow {
  const { slackUsergroupId, slackChannelId, updatedBy, updatedAt } = team;
  return tx
    .insert(consultTeams)
    .values(team)
    .onConflictDoUpdate({
      target: consultTeams.key,
      set: { slackUsergroupId, slackChannelId, updatedBy, updatedAt },
    })
    .returning()
    .get();
}

export function insertConsult(tx: Executor, row: typeof consults.$inferInsert): ConsultRow {
  return tx.insert(consults).values(row).returning().get();
}

export function getConsult(tx: Executor, id: number): ConsultRow | undefined {
  return tx.select().from(consults).where(eq(consults.id, id)).get();
}

export function consultsOfCase(tx: Executor, caseId: number): ConsultRow[] {
  return tx.select().from(consults).where(eq(consults.caseId, caseId)).orderBy(asc(consults.requestedAt)).all();
}

export type ConsultWithTeam = Pick<ConsultRow, "id" | "question" | "status" | "dueAt" | "answeredAt"> & {
  teamName: string;
};

/** The case's latest consults, newest first, with the name of the team asked. */
export function latestConsultsOfCase(tx: Executor, caseId: number, limit: number): ConsultWithTeam[] {
  return latestConsults(tx).all({ caseId, limit });
}

// Read by every case summary and status: prepared once.
const latestConsults = preparedStatement((db) =>
  db
    .select({
      id: consults.id,
      teamName: consultTeams.name,
      question: consults.question,
      status: consults.status,
      dueAt: consults.dueAt,
      answeredAt: consults.answeredAt,
    })
    .from(consults)
    .innerJoin(consultTeams, eq(consults.teamId, consultTeams.id))
    .where(eq(consults.caseId, sql.placeholder("caseId")))
    .orderBy(desc(consults.requestedAt), desc(consults.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

export function openConsultsOfCase(tx: Executor, caseId: number): ConsultRow[] {
  return tx
    .select()
    .from(consults)
    .where(and(eq(consults.caseId, caseId), eq(consults.status, "open")))
    .orderBy(asc(consults.requestedAt))
    .all();
}

/** Closes an open consult with its answer; undefined when it was no longer open. */
export function answerOpenConsult(
  tx: Executor,
  id: number,
  answer: { answer: string; answeredBy: string; answeredAt: number },
): ConsultRow | undefined {
  return tx
    .update(consults)
    .set({ ...answer, status: "answered" })
    .where(and(eq(consults.id, id), eq(consults.status, "open")))
    .returning()
    .get();
}

export function setConsultPing(tx: Executor, id: number, ping: { channelId: string; ts: string }): void {
  tx.update(consults).set({ pingChannelId: ping.channelId, pingTs: ping.ts }).where(eq(consults.id, id)).run();
}

export function addConsultRecipients(tx: Executor, consultId: number, userIds: readonly string[]): void {
  if (userIds.length === 0) return;
  tx.insert(consultRecipients)
    .values(userIds.map((userId) => ({ consultId, userId })))
    .onConflictDoNothing()
    .run();
}

export function recipientsOfConsult(tx: Executor, consultId: number): string[] {
  return tx
    .select({ userId: consultRecipients.userId })
    .from(consultRecipients)
    .where(eq(consultRecipients.consultId, consultId))
    .orderBy(asc(consultRecipients.userId))
    .all()
    .map((r) => r.userId);
}

export function isConsultRecipient(tx: Executor, consultId: number, userId: string): boolean {
  return (
    tx
      .select({ userId: consultRecipients.userId })
      .from(consultRecipients)
      .where(and(eq(consultRecipients.consultId, consultId), eq(consultRecipients.userId, userId)))
      .get() !== undefined
  );
}

/** Whether the user was asked in any consult on the case (what a consultant may see). */
export function wasConsultedOnCase(tx: Executor, userId: string, caseId: number): boolean {
  return (
    tx
      .select({ id: consults.id })
      .from(consultRecipients)
      .innerJoin(consults, eq(consultRecipients.consultId, consults.id))
      .where(and(eq(consultRecipients.userId, userId), eq(consults.caseId, caseId)))
      .get() !== undefined
  );
}

/**
 * The payload of a consult event on the case timeline whose payload field `field` equals `value`:
 * `consult_requested` carries the modal's view id (a resubmitted view finds its consult), and
 * `consult_sent` the messages the team was pinged with.
 */
export function findConsultEvent(
  tx: Executor,
  query: {
    caseId: number;
    kind: "consult_requested" | "consult_sent";
    field: "viewId" | "consultId";
    value: string | number;
  },
): unknown {
  const row = eventWithPayloadField(tx, query);
  return row ? (JSON.parse(row.payload) as unknown) : undefined;
}
