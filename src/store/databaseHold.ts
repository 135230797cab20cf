/**
 * Who holds a database file. Every bot (and backup) holds a shared lock on `<database>.lock` while it runs; a
 * restore takes it exclusively, so a file is never swapped under a live bot. The operating system drops the lock
 * with its process, kill -9 included, so a crash leaves no stale lock to clear by hand, unlike a PID file; and,
 * unlike `BEGIN EXCLUSIVE` on the database itself, it also catches a bot that is idle (in WAL mode readers and
 * an idle connection hold no lock there). The lock is SQLite's own file locking on a second, empty file: in
 * exclusive locking mode the shared lock of a first read is kept until the connection closes
 * (https://sqlite.org/pragma.html#pragma_locking_mode), and an exclusive lock waits for every shared lock to go
 * (https://sqlite.org/lockingv3.html).
 */
import Database from "better-sqlite3";

export interface DatabaseHold {
  release(): void;
}

export function holdFilePath(databasePath: string): string {
  return `${databasePath}.lock`;
}

/** A shared hold for a running bot or backup; undefined when a restore holds the file exclusively. */
export function holdDatabase(databasePath: string): DatabaseHold | undefined {
  if (databasePath === ":memory:") return { release: () => undefined };
  const lock = new Database(holdFilePath(databasePath), { timeout: 0 });
  lock.pragma("locking_mode = EXCLUSIVE");
  try {
    lock.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (error) {
    lock.close();
    if (isBusy(error)) return undefined;
    throw error;
  }
  return { release: () => lock.close() };
}

/** The exclusive hold a restore needs; undefined while any bot or backup holds the database. */
export function takeDatabaseExclusively(databasePath: string): DatabaseHold | undefined {
  const lock = new Database(holdFilePath(databasePath), { timeout: 0 });
  lock.pragma("locking_mode = EXCLUSIVE");
  try {
    // A write is what makes SQLite take the exclusive lock; locking mode keeps it until close.
    lock.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    lock.close();
    if (isBusy(error)) return undefined;
    throw error;
  }
  return {
    release: () => {
      lock.exec("ROLLBACK");
      lock.close();
    },
  };
}

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");
}
