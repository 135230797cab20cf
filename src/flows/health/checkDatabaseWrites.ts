import { inTransaction, isDatabaseBusy } from "../../store/database.ts";
import { writeReadinessHeartbeat } from "../../store/operationalCounts.ts";
import type { FlowDeps } from "../deps.ts";

/** `ok`, `busy` (another process held the write lock past the busy timeout), or SQLite's own error code. */
export type DatabaseWriteState = "ok" | "busy" | string;

/**
 * Whether the database takes a write now: one tiny write transaction, bounded by the store's short busy
 * timeout, so a probe never waits on a long lock holder.
 */
export function checkDatabaseWrites(deps: FlowDeps): DatabaseWriteState {
  try {
    inTransaction(deps.db, (tx) => writeReadinessHeartbeat(tx, deps.clock.now()));
    return "ok";
  } catch (error) {
    if (isDatabaseBusy(error)) return "busy";
    deps.log.warn({ err: error }, "readiness: the database refused a write");
    return databaseErrorCode(error);
  }
}

function databaseErrorCode(error: unknown): string {
  if (error instanceof Error && "code" in error && typeof error.code === "string") return error.code;
  if (error instanceof Error && error.cause !== undefined) return databaseErrorCode(error.cause);
  return error instanceof Error ? error.name : "unknown_error";
}
