import { and, desc, eq } from "drizzle-orm";
import { type CaseEventRow, caseEvents } from "../../db/schema.ts";
import type { TimelineEventKind } from "../core/timelineEvents.ts";
import type { Executor } from "./database.ts";
import { eventWithPayloadField } from "./events.ts";

/** The case's latest event of `kind` (its latest close, say). */
export function latestEventOfKind(tx: Executor, caseId: number, kind: TimelineEventKind): CaseEventRow | undefined {
  return tx
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, kind)))
    .orderBy(desc(caseEvents.seq))
    .limit(1)
    .get();
}

/** The event of `kind` recorded for one close (its payload's closeSeq), so a retried job does its work once. */
export function eventOfClose(
  tx: Executor,
  caseId: number,
  kind: TimelineEventKind,
  closeSeq: number,
): CaseEventRow | undefined {
  return eventWithPayloadField(tx, { caseId, kind, field: "closeSeq", value: closeSeq });
}

export function eventBySeq(tx: Executor, caseId: number, seq: number): CaseEventRow | undefined {
  return tx
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.seq, seq)))
    .get();
}
