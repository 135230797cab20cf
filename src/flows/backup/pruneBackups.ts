import { existsSync } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { BACKUP_FOLDER, MANIFEST_FILE, PARTIAL_PREFIX } from "./backupManifest.ts";

// A partial folder this old was left by a killed backup: no backup runs for a day. Measured against the file
// system's own clock (mtime), never a fake one.
const ABANDONED_PARTIAL_MS = 24 * 60 * 60_000;

/** The complete backups in `outDir`, newest first. */
export async function listBackups(outDir: string): Promise<string[]> {
  if (!existsSync(outDir)) return [];
  const names = (await readdir(outDir)).filter(
    (name) => BACKUP_FOLDER.test(name) && existsSync(join(outDir, name, MANIFEST_FILE)),
  );
  return names.sort().reverse();
}

/** Keeps the newest `keep` backups and removes the older ones, and partial folders abandoned a day ago. */
export async function pruneBackups(outDir: string, keep: number): Promise<string[]> {
  const removed = (await listBackups(outDir)).slice(keep);
  for (const name of removed) await rm(join(outDir, name), { recursive: true, force: true });
  for (const name of await readdir(outDir)) {
    if (!name.startsWith(PARTIAL_PREFIX)) continue;
    const path = join(outDir, name);
    if (Date.now() - (await stat(path)).mtimeMs > ABANDONED_PARTIAL_MS)
      await rm(path, { recursive: true, force: true });
  }
  return removed;
}
