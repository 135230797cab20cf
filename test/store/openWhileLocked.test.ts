import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { holdWriteLock } from "../support/lockHolder.ts";

describe("openDatabase on a file another process is writing", () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "incident-desk-open-"));
    path = join(dir, "cases.sqlite");
    openDatabase(path).close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // `npm run export`, `backup` and the scale bench open the file while the bot writes to it.
  it("opens, reads and closes while the write lock is held, leaving the statistics for later", async () => {
    const holder = await holdWriteLock(path);
    try {
      const handle = openDatabase(path);
      expect(handle.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM cases`)?.n).toBe(0);
      expect(() => handle.close()).not.toThrow();
    } finally {
      await holder.release();
    }
  });
});
