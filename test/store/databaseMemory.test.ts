import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";

describe("openDatabase's memory", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "incident-desk-memory-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // better-sqlite3 builds SQLite with a 16 MB page cache per connection (its docs/compilation.md).
  it("keeps at most 4 MiB of database pages per connection, not better-sqlite3's 16 MB", () => {
    const handle = openDatabase(join(dir, "cases.sqlite"));
    try {
      // A negative cache_size is in KiB (https://sqlite.org/pragma.html#pragma_cache_size).
      expect(handle.sqlite.pragma("cache_size", { simple: true })).toBe(-4096);
    } finally {
      handle.close();
    }
  });

  it("reads the file without a memory map, whose pages would count in the bot's RSS", () => {
    const handle = openDatabase(join(dir, "cases.sqlite"));
    try {
      expect(handle.sqlite.pragma("mmap_size", { simple: true })).toBe(0);
    } finally {
      handle.close();
    }
  });
});
