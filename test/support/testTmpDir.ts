import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Vitest's global setup: every folder and SQLite file a test makes with `tmpdir()` (databases, backups, the
 * working folders of spawned bots and tools) goes under one folder of this run, removed when the run ends.
 * The workers are started after this runs and inherit TMPDIR, which `os.tmpdir()` reads
 * (https://nodejs.org/api/os.html#ostmpdir). A run killed before its teardown leaves only that one folder.
 */
export default function runTmpDir(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "incident-desk-test-"));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
