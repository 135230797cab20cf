import { type Db, type Executor, PAGE_CACHE_KIB } from "./database.ts";
import { openDatabaseReadOnly } from "./databaseCopy.ts";

/** A read snapshot on its own connection, kept open across awaits until closed. */
export interface ReadOnlySnapshot {
  tx: Executor;
  close(): void;
}

/**
 * One read snapshot that a long read can hold while it yields the event loop: a transaction on the bot's own
 * connection cannot span an await (every write made meanwhile would run inside it), so this opens a second,
 * read-only connection to the same file. Under WAL its snapshot keeps no writer waiting
 * (https://sqlite.org/wal.html#concurrency), and it is fixed by the first read after BEGIN
 * (https://sqlite.org/isolation.html).
 */
export function openReadOnlySnapshot(db: Db): ReadOnlySnapshot {
  const main = db.$client;
  if (main.memory) throw new Error("a read-only snapshot needs a database file; this one is in memory");
  const readOnly = openDatabaseReadOnly(main.name);
  const sqlite = readOnly.db.$client;
  try {
    sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    sqlite.exec("BEGIN");
    sqlite.prepare("SELECT count(*) FROM sqlite_schema").get();
  } catch (error) {
    readOnly.close();
    throw error;
  }
  const close = () => {
    if (!sqlite.open) return;
    if (sqlite.inTransaction) sqlite.exec("COMMIT");
    readOnly.close();
  };
  return { tx: readOnly.db, close };
}
