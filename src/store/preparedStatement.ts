import { type Placeholder, sql } from "drizzle-orm";
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
    // A transaction of unknown handle (not opened by inTransaction or inReadSnapshot) gets a statement of its own,
    // correct if slower.
    if (db === undefined) return build(executor);
    const known = byDatabase.get(db);
    if (known !== undefined) return known;
    const statement = build(db);
    byDatabase.set(db, statement);
    return statement;
  };
}

/** The placeholders of an `IN (…)` list of `length` values, named as `inListValues` names them. */
const inListPlaceholders = (length: number): Placeholder[] =>
  Array.from({ length }, (_, i) => sql.placeholder(`in${i}`));

/** The values of an `IN (…)` list, by the names its placeholders carry. */
export function inListValues(values: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(values.map((value, i) => [`in${i}`, value]));
}

/**
 * A prepared statement per length of its `IN (…)` list, up to `longest`: each keeps the plain `IN (?, ?, …)`
 * the planner answers with one index lookup per value. A longer list gets a statement of its own each call,
 * correct if slower. Empty lists are the caller's to answer: `IN ()` is no statement.
 */
export function preparedInListStatement<Statement>(
  longest: number,
  build: (db: Executor, list: Placeholder[]) => Statement,
): (executor: Executor, length: number) => Statement {
  const byLength = Array.from({ length: longest + 1 }, (_, length) =>
    preparedStatement((db) => build(db, inListPlaceholders(length))),
  );
  return (executor, length) => byLength[length]?.(executor) ?? build(executor, inListPlaceholders(length));
}
