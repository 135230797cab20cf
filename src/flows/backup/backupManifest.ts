import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

export const MANIFEST_FILE = "manifest.json";
export const DATABASE_FILE = "incident-desk.sqlite";
export const EVIDENCE_FOLDER = "evidence";
/** Completed backups only: a copy under way lives in a `.partial-…` folder until it is renamed to this. */
export const BACKUP_FOLDER = /^incident-desk-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;
export const PARTIAL_PREFIX = ".partial-";

/** Sorts by time as a string: `incident-desk-2026-03-01T02-00-00-000Z`. */
export function backupFolderName(at: number): string {
  return `incident-desk-${new Date(at).toISOString().replace(/[:.]/g, "-")}`;
}

// Only the database and evidence blobs by hash path: a tampered manifest cannot point a restore outside its folder.
const backupFilePath = z
  .string()
  .regex(new RegExp(`^(${DATABASE_FILE}|${EVIDENCE_FOLDER}/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64})$`));
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const counted = z.number().int().nonnegative();

export const backupManifestSchema = z.object({
  format: z.literal("incident-desk-backup/1"),
  tool: z.object({ name: z.string(), version: z.string() }),
  takenAt: z.iso.datetime(),
  /** The last migration applied to the copied database. */
  schemaVersion: z.string(),
  counts: z.object({ cases: counted, events: counted, evidence: counted, evidenceFiles: counted, blobs: counted }),
  files: z.array(z.object({ path: backupFilePath, sha256: sha256Hex, size: counted })).min(1),
  /** Blobs a live entry held that were gone from EVIDENCE_DIR when copied (redacted meanwhile, or lost). */
  missingBlobs: z.array(z.object({ sha256: sha256Hex, usedBy: z.string() })),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export async function readManifest(backupDir: string): Promise<BackupManifest> {
  return backupManifestSchema.parse(JSON.parse(await readFile(join(backupDir, MANIFEST_FILE), "utf8")));
}

export interface HashedFile {
  sha256: string;
  size: number;
}

/** Streams the file through SHA-256, so a large database is hashed without blocking the event loop. */
export async function hashFile(path: string): Promise<HashedFile> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).byteLength;
  }
  return { sha256: hash.digest("hex"), size };
}
