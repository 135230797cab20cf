/**
 * The online copy of the database, with SQLite's backup API (https://sqlite.org/backup.html) as better-sqlite3
 * exposes it: pages are copied in steps with the event loop free between them. A write through the same
 * connection is carried into the copy as it happens; a write by another process restarts the copy, so the
 * finished file is always one consistent state of the database.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema.ts";
import { BUSY_TIMEOUT_MS, type Db } from "./database.ts";

export interface CopyStep {
  totalPages: number;
  remainingPages: number;
}

export interface CopyOptions {
  /** Pages per step: small keeps each step short inside the bot; a separate process may copy all at once. */
  pagesPerStep: number;
  /** Called between steps (a test hook may pause here). */
  afterStep?: (step: CopyStep) => void;
}

export async function copyDatabaseOnline(source: Db, destinationPath: string, options: CopyOptions): Promise<CopyStep> {
  return source.$client.backup(destinationPath, {
    progress: (step) => {
      options.afterStep?.(step);
      return options.pagesPerStep;
    },
  });
}

export interface ReadOnlyDatabase {
  db: Db;
  close(): void;
}

/** Opens a database to read only: no migrations, no writes, so a backup never changes what it copies. */
export function openDatabaseReadOnly(path: string): ReadOnlyDatabase {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  return { db: drizzle(sqlite, { schema }), close: () => sqlite.close() };
}
