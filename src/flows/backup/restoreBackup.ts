import { randomUUID } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { copyFile, mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { openDatabase } from "../../store/database.ts";
import { takeDatabaseExclusively } from "../../store/databaseHold.ts";
import { blobExists, blobPath, deleteBlob, storeBlob } from "../../store/evidenceBlobs.ts";
import type { RecordCounts } from "../../store/recordFacts.ts";
import { type BackupManifest, DATABASE_FILE, hashFile, MANIFEST_FILE, readManifest } from "./backupManifest.ts";
import { listBackups } from "./pruneBackups.ts";
import { type RecordVerification, verifyRecord } from "./verifyRecord.ts";

export interface RestoreInput {
  /** A backup folder, or a folder of backups (the newest is restored). */
  from: string;
  databasePath: string;
  evidenceDir: string;
  now: number;
}

export type RestoreOutcome =
  | { restored: false; refusal: string }
  | {
      restored: true;
      backupPath: string;
      manifest: BackupManifest;
      /** Where the database that was there before now is, if there was one. */
      previousDatabase: string | undefined;
      verification: RecordVerification;
    };

/**
 * Refuses while a bot holds the database and when any file differs from the manifest, before anything is
 * touched; then puts the database and the evidence in place (keeping the old database beside it) and checks
 * every chain and every evidence hash of the result.
 */
export async function restoreBackup(input: RestoreInput): Promise<RestoreOutcome> {
  const backupPath = await resolveBackup(input.from);
  if (!backupPath) return { restored: false, refusal: `no backup in ${input.from}` };
  await mkdir(dirname(input.databasePath), { recursive: true });
  const hold = takeDatabaseExclusively(input.databasePath);
  if (!hold) {
    return {
      restored: false,
      refusal: `a running bot (or backup) holds ${input.databasePath}: stop it, then restore`,
    };
  }
  try {
    const manifest = await readManifest(backupPath);
    const damaged = await filesUnlikeManifest(backupPath, manifest);
    if (damaged.length > 0)
      return { restored: false, refusal: `backup damaged, nothing restored: ${damaged.join("; ")}` };
    const previousDatabase = await placeDatabase(join(backupPath, DATABASE_FILE), input);
    await placeBlobs(backupPath, manifest, input.evidenceDir);
    const database = openDatabase(input.databasePath);
    try {
      const verification = await verifyRecord(database.db, input.evidenceDir);
      verification.failures.push(...countDifferences(manifest.counts, verification.counts));
      return { restored: true, backupPath, manifest, previousDatabase, verification };
    } finally {
      database.close();
    }
  } finally {
    hold.release();
  }
}

async function resolveBackup(from: string): Promise<string | undefined> {
  if (existsSync(join(from, MANIFEST_FILE))) return from;
  const newest = (await listBackups(from))[0];
  return newest && join(from, newest);
}

async function filesUnlikeManifest(backupPath: string, manifest: BackupManifest): Promise<string[]> {
  const damaged: string[] = [];
  for (const file of manifest.files) {
    const path = join(backupPath, file.path);
    if (!existsSync(path)) {
      damaged.push(`${file.path} missing`);
      continue;
    }
    const actual = await hashFile(path);
    if (actual.sha256 !== file.sha256 || actual.size !== file.size) {
      damaged.push(`${file.path} SHA-256 does not match the manifest`);
    }
  }
  return damaged;
}

/** Copies beside the target, then renames: the old database (and its WAL, which belongs to it) is kept aside. */
async function placeDatabase(source: string, input: RestoreInput): Promise<string | undefined> {
  const target = input.databasePath;
  const incoming = `${target}.restoring-${randomUUID()}`;
  await copyFile(source, incoming);
  let previous: string | undefined;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${new Date(input.now).toISOString().replace(/[:.]/g, "-")}`;
    await rename(target, previous);
    // SQLite finds a WAL by the database's name plus -wal: moved together, the old file stays readable.
    if (existsSync(`${target}-wal`)) await rename(`${target}-wal`, `${previous}-wal`);
  }
  // A stale shared-memory index must not describe the restored file.
  await rm(`${target}-shm`, { force: true });
  await rename(incoming, target);
  return previous;
}

async function placeBlobs(backupPath: string, manifest: BackupManifest, evidenceDir: string): Promise<void> {
  for (const file of manifest.files) {
    if (file.path === DATABASE_FILE) continue;
    if (blobExists(evidenceDir, file.sha256)) {
      if ((await hashFile(blobPath(evidenceDir, file.sha256))).sha256 === file.sha256) continue;
      deleteBlob(evidenceDir, file.sha256);
    }
    await storeBlob(evidenceDir, createReadStream(join(backupPath, file.path)));
  }
}

function countDifferences(expected: RecordCounts, actual: RecordCounts): string[] {
  return (Object.keys(actual) as (keyof RecordCounts)[])
    .filter((key) => expected[key] !== actual[key])
    .map((key) => `${key}: ${actual[key]} restored, the manifest says ${expected[key]}`);
}
