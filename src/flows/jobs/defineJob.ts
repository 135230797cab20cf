import { z } from "zod";
import type { Executor } from "../../store/database.ts";
import { enqueueJob } from "../../store/jobs.ts";

/** A row id inside a payload. */
export const rowId = z.number().int().positive();

/** One job to queue: its payload, the case whose summary lists its failure, and when it is due. */
export interface QueuedJob<P> {
  payload: P;
  caseId?: number | null;
  runAt: number;
  /** Fewer tries than the default, for a job someone is watching. */
  maxAttempts?: number;
}

/**
 * A job kind: its name, its payload as stored in the jobs table, its idempotency key and how to queue it.
 * `Extra` is what the key needs beyond the payload (an occasion, a version, a channel).
 */
export interface JobDefinition<Schema extends PayloadSchema, Extra extends unknown[] = []> {
  readonly kind: string;
  /** Rows queued before an upgrade must still parse: a change here is a data migration. */
  readonly payload: Schema;
  /** Enqueuing the same key twice keeps the first job. */
  key(payload: z.output<Schema>, ...extra: Extra): string;
  /** True when the job was new, false when its key was already known. */
  enqueue(tx: Executor, job: QueuedJob<z.output<Schema>>, now: number, ...extra: Extra): boolean;
}

export type PayloadSchema = z.ZodType<Record<string, unknown>>;

/** What the runner needs of any definition: the kind to match a row, the schema to parse its payload. */
export interface JobKindSchema<Schema extends PayloadSchema = PayloadSchema> {
  readonly kind: string;
  readonly payload: Schema;
}

/** The payload a handler of `D` receives, as its schema parses it. */
export type PayloadOf<D extends JobKindSchema> = z.output<D["payload"]>;

export function defineJob<Schema extends PayloadSchema, Extra extends unknown[] = []>(definition: {
  kind: string;
  payload: Schema;
  key: (payload: z.output<Schema>, ...extra: Extra) => string;
}): JobDefinition<Schema, Extra> {
  return {
    ...definition,
    enqueue: (tx, { payload, caseId, runAt, maxAttempts }, now, ...extra) =>
      enqueueJob(
        tx,
        { kind: definition.kind, payload, caseId, key: definition.key(payload, ...extra), runAt, maxAttempts },
        now,
      ),
  };
}
