import { type Db, databaseOf, type Executor } from "./database.ts";

/**
 * A statement drizzle builds and SQLite prepares once per database handle, on first use; values come as
 * `sql.placeholder`s. On the intake path, building the SQL text and preparing it cost more than running it.
 * Each handle gets its own: a statement runs on the connection that prepared it, so two databases open in one
 * process (the bot and a restore, a test's two harnesses) must never share one.
 */
export function preparedStatement<Statement>(build: (db: Executor) => Statement): (executor: Executor) => Statement {
  const byDatabase = new WeakMap<Db, Statement>();
  return (executor) => {
    const db = databaseOf(executor);
    // A transaction of unknown handle (not opened by inTransaction) gets a statement of its own, correct if slower.
    if (db === undefined) return build(executor);
    const known = byDatabase.get(db);
    if (known !== undefined) return known;
    const statement = build(db);
    byDatabase.set(db, statement);
    return statement;
  };
}
