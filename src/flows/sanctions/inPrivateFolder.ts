import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * Runs `work` in a new folder under `parent`, private to the bot's user (mkdtemp makes it 0700), and removes the
 * folder with whatever is in it once the work is done or failed.
 */
export async function inPrivateFolder<T>(parent: string, work: (folder: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(parent, "incident-desk-export-"));
  try {
    return await work(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
