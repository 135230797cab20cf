import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { openDatabaseReadOnly } from "../../store/databaseCopy.ts";
import { blobPath } from "../../store/evidenceBlobs.ts";
import { heldEvidenceBlobs, lastAppliedMigration, recordCounts } from "../../store/recordFacts.ts";
import {
  BACKUP_FOLDER,
  type BackupManifest,
  backupFolderName,
  DATABASE_FILE,
  EVIDENCE_FOLDER,
  hashFile,
  MANIFEST_FILE,
  PARTIAL_PREFIX,
} from "./backupManifest.ts";
import { toolVersion } from "./toolVersion.ts";

export interface BackupInput {
  /** Writes one consistent copy of the live database to `destination` (see databaseCopy.ts). */
  copyDatabase: (destination: string) => Promise<unknown>;
  evidenceDir: string;
  /** The folder that holds the backups; this one becomes a folder in it. */
  outDir: string;
  now: number;
}

export interface BackupResult {
  path: string;
  manifest: BackupManifest;
}

/**
 * Copies the database online, then the evidence blobs the copy's live entries hold, into a hidden partial
 * folder, writes the manifest last and renames the folder into place: a process killed at any point leaves
 * the earlier backups as they were and nothing that looks like a complete backup.
 */
export async function takeBackup(input: BackupInput): Promise<BackupResult> {
  const name = backupFolderName(input.now);
  if (!BACKUP_FOLDER.test(name)) throw new Error(`backup folder name out of pattern: ${name}`);
  const finalPath = join(input.outDir, name);
  if (existsSync(finalPath)) throw new Error(`a backup named ${name} already exists in ${input.outDir}`);
  const partial = join(input.outDir, `${PARTIAL_PREFIX}${name}-${randomUUID()}`);
  await mkdir(partial, { recursive: true, mode: 0o700 });
  try {
    const manifest = await fillBackup(partial, input);
    await writeDurably(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(partial, finalPath);
    await syncFolder(input.outDir);
    return { path: finalPath, manifest };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

async function fillBackup(partial: string, input: BackupInput): Promise<BackupManifest> {
  const databaseCopy = join(partial, DATABASE_FILE);
  await input.copyDatabase(databaseCopy);
  await syncFile(databaseCopy);
  // Counts and blobs come from the copy, so the manifest describes exactly the state that was copied.
  const copy = openDatabaseReadOnly(databaseCopy);
  const facts = (() => {
    try {
      return {
        counts: recordCounts(copy.db),
        blobs: heldEvidenceBlobs(copy.db),
        schemaVersion: lastAppliedMigration(copy.db),
      };
    } finally {
      copy.close();
    }
  })();
  const files: BackupManifest["files"] = [{ path: DATABASE_FILE, ...(await hashFile(databaseCopy)) }];
  const missingBlobs: BackupManifest["missingBlobs"] = [];
  for (const blob of facts.blobs) {
    const source = blobPath(input.evidenceDir, blob.sha256);
    if (!existsSync(source)) {
      missingBlobs.push({ sha256: blob.sha256, usedBy: blob.usedBy });
      continue;
    }
    const relative = blobPath(EVIDENCE_FOLDER, blob.sha256);
    const target = join(partial, relative);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await copyFile(source, target);
    await syncFile(target);
    // The hash of the bytes copied, not the name: a restore then tells a blob damaged on disk from a sound one.
    files.push({ path: relative, ...(await hashFile(target)) });
  }
  return {
    format: "incident-desk-backup/1",
    tool: toolVersion(),
    takenAt: new Date(input.now).toISOString(),
    schemaVersion: facts.schemaVersion,
    counts: { ...facts.counts, blobs: files.length - 1 },
    files,
    missingBlobs,
  };
}

async function writeDurably(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await syncFile(path);
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A rename is durable once its folder is synced (POSIX). */
async function syncFolder(path: string): Promise<void> {
  await syncFile(path);
}
