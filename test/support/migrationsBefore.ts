import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MIGRATIONS = fileURLToPath(new URL("../../db/migrations", import.meta.url));

interface Journal {
  entries: Array<{ tag: string }>;
}

/**
 * A copy of the migrations folder under `dir` that stops before migration `<n>_<name>`, whatever number it gets
 * (the lead renumbers at merge): a database migrated with it is one deployed before that migration.
 */
export function migrationsBefore(dir: string, name: string): string {
  const folder = join(dir, "migrations");
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as Journal;
  const at = journal.entries.findIndex((entry) => entry.tag.endsWith(`_${name}`));
  if (at <= 0) throw new Error(`no migration named ${name} after the first`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return folder;
}
