import type { JobKind, JobPayload } from "../scheduler/jobKinds.ts";
import type { Executor } from "../store/database.ts";
import { enqueueJob as insertJob, type NewJob } from "../store/jobs.ts";

/** A job whose payload the compiler checks against its kind's schema in JOB_PAYLOADS. */
export type JobOf<K extends JobKind> = Omit<NewJob, "kind" | "payload"> & { kind: K; payload: JobPayload<K> };

/** Queues a job of a catalogued kind; true when it was new, false when its key was already known. */
export function enqueueJob<K extends JobKind>(tx: Executor, job: JobOf<K>, now: number): boolean {
  return insertJob(tx, job, now);
}
