import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type DatabaseHandle,
  inReadSnapshot,
  inTransaction,
  observeWriteTransactions,
  openDatabase,
} from "../../src/store/database.ts";

describe("write transaction times", () => {
  let dir: string;
  let handle: DatabaseHandle;
  let observed: number[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "incident-desk-tx-"));
    handle = openDatabase(join(dir, "cases.sqlite"));
    observed = [];
    observeWriteTransactions(handle.db, (ms) => observed.push(ms));
  });
  afterEach(() => {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("hears each write transaction once, committed or rolled back, and no read snapshot", () => {
    inTransaction(handle.db, (tx) => tx.run(sql`CREATE TABLE t (x INTEGER)`));
    expect(() =>
      inTransaction(handle.db, (tx) => {
        tx.run(sql`INSERT INTO t (x) VALUES (1)`);
        throw new Error("refused half-way");
      }),
    ).toThrow("refused half-way");
    inReadSnapshot(handle.db, (tx) => tx.all(sql`SELECT x FROM t`));

    expect(observed).toHaveLength(2);
    for (const ms of observed) expect(ms).toBeGreaterThanOrEqual(0);
    expect(handle.db.all(sql`SELECT x FROM t`)).toEqual([]);
  });

  it("times the work inside the transaction", () => {
    inTransaction(handle.db, () => {
      const until = performance.now() + 15;
      while (performance.now() < until);
    });
    expect(observed[0]).toBeGreaterThanOrEqual(15);
  });
});
