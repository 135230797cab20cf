import type { CaseRow } from "../../../db/schema.ts";
import { fail } from "../../core/domainError.ts";
import { JOB, JOB_PAYLOADS } from "../../scheduler/jobKinds.ts";
import { getCase } from "../../store/cases.ts";
import type { Executor } from "../../store/database.ts";
import { latestEventSeq } from "../../store/events.ts";
import { jobByKey } from "../../store/jobs.ts";
import { enqueueJob } from "../enqueueJob.ts";

/** The payload of every case side effect. */
export const caseJobPayload = JOB_PAYLOADS[JOB.createWarRoom];
export const inviteJobPayload = JOB_PAYLOADS[JOB.inviteToWarRoom];

export function loadJobCase(tx: Executor, payload: unknown): CaseRow {
  const { caseId } = caseJobPayload.parse(payload);
  return getCase(tx, caseId) ?? fail("not_found", `case ${caseId} does not exist`);
}

/** The kinds whose payload is the case alone. */
type CaseJobKind =
  | typeof JOB.createWarRoom
  | typeof JOB.announceCase
  | typeof JOB.postSummary
  | typeof JOB.pinSummary
  | typeof JOB.refreshSummary
  | typeof JOB.setWarRoomTopic;

const caseJob = (tx: Executor, kind: CaseJobKind, record: CaseRow, key: string, now: number) =>
  enqueueJob(tx, { kind, caseId: record.id, payload: { caseId: record.id }, key, runAt: now }, now);

/** Whether the case's war room is open, queued for creation (an invite can wait for it), or not planned. */
export type WarRoomState = "open" | "coming" | "none";

export function warRoomStateOf(tx: Executor, record: CaseRow): WarRoomState {
  if (record.channelId) return "open";
  const create = jobByKey(tx, createWarRoomKey(record));
  return create && !create.doneAt && !create.failedAt ? "coming" : "none";
}

const createWarRoomKey = (record: CaseRow) => `${JOB.createWarRoom}:${record.id}`;

export const enqueueCreateWarRoom = (tx: Executor, record: CaseRow, now: number) =>
  caseJob(tx, JOB.createWarRoom, record, createWarRoomKey(record), now);

export const enqueueTriagePost = (tx: Executor, record: CaseRow, now: number) =>
  caseJob(tx, JOB.announceCase, record, `${JOB.announceCase}:${record.id}`, now);

/** `occasion` makes a fresh invite for a new reason to be there (an acknowledged page), should they have left. */
export const enqueueInvite = (tx: Executor, record: CaseRow, userId: string, now: number, occasion?: string) =>
  enqueueJob(
    tx,
    {
      kind: JOB.inviteToWarRoom,
      caseId: record.id,
      payload: { caseId: record.id, userId },
      key: `${JOB.inviteToWarRoom}:${record.id}:${userId}${occasion ? `:${occasion}` : ""}`,
      runAt: now,
    },
    now,
  );

export const enqueueSummaryPost = (tx: Executor, record: CaseRow, now: number) =>
  caseJob(tx, JOB.postSummary, record, `${JOB.postSummary}:${record.id}:${record.channelId}`, now);

export const enqueueSummaryPin = (tx: Executor, record: CaseRow, ts: string, now: number) =>
  caseJob(tx, JOB.pinSummary, record, `${JOB.pinSummary}:${record.id}:${ts}`, now);

/**
 * Summary and topic follow the case: `version` (the latest timeline seq) makes one job per change,
 * and each job renders the case as it is when it runs. The topic shows only id, severity and status,
 * so it is set again only when `topic` says one of those may have changed.
 */
export function enqueueCaseRefresh(
  tx: Executor,
  record: CaseRow,
  version: number,
  now: number,
  { topic = false }: { topic?: boolean } = {},
): void {
  caseJob(tx, JOB.refreshSummary, record, `${JOB.refreshSummary}:${record.id}:${version}`, now);
  if (topic && record.channelId) {
    caseJob(tx, JOB.setWarRoomTopic, record, `${JOB.setWarRoomTopic}:${record.id}:${version}`, now);
  }
}

/** The timeline seq a post renders: recorded with the post, it tells whether a change arrived meanwhile. */
export const renderedSeqOf = (tx: Executor, record: CaseRow): number => latestEventSeq(tx, record.id);

/**
 * A summary or triage post renders the case, then waits for Slack; a change recorded meanwhile found no
 * message yet to refresh. Once the post is recorded, one more refresh follows if the timeline moved on.
 */
export function refreshIfChangedSince(tx: Executor, record: CaseRow, renderedSeq: number, ts: string, now: number) {
  if (latestEventSeq(tx, record.id) <= renderedSeq) return;
  caseJob(tx, JOB.refreshSummary, record, `${JOB.refreshSummary}:${record.id}:after:${ts}`, now);
}
