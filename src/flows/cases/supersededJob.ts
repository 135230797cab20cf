import type { JobRow } from "../../../db/schema.ts";
import type { Executor } from "../../store/database.ts";
import { hasLaterPendingJob } from "../../store/jobs.ts";

/** A refresh that finds a later one of its kind queued leaves the rendering to it. */
export const isSupersededJob = (tx: Executor, job: JobRow): boolean => hasLaterPendingJob(tx, job);
