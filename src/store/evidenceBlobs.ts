/** Evidence bytes on disk, stored once by content: `<dir>/<aa>/<bb>/<sha256>`. */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

const SHA256_HEX = /^[0-9a-f]{64}$/;
// Evidence is sensitive: readable by the bot's own user only.
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

export interface StoredBlob {
  sha256: string;
  size: number;
  /** False when the same bytes were already on disk (they are kept once). */
  created: boolean;
}

export function blobPath(dir: string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a lowercase SHA-256 hex digest: ${sha256.slice(0, 80)}`);
  return join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/**
 * Hashes the bytes while writing them to a temp file in `dir` (so the final move is a rename on one
 * file system), then moves the file to its hash path. A failure while reading leaves nothing behind.
 */
export async function storeBlob(dir: string, chunks: AsyncIterable<Uint8Array>): Promise<StoredBlob> {
  const tmpDir = join(dir, "tmp");
  await mkdir(tmpDir, { recursive: true, mode: DIR_MODE });
  const tmp = join(tmpDir, `${randomUUID()}.part`);
  const hash = createHash("sha256");
  let size = 0;
  const file = await open(tmp, "wx", FILE_MODE);
  try {
    for await (const chunk of chunks) {
      hash.update(chunk);
      size += chunk.byteLength;
      for (let offset = 0; offset < chunk.byteLength; ) {
        offset += (await file.write(chunk, offset)).bytesWritten;
      }
    }
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await file.close();

  const sha256 = hash.digest("hex");
  const target = blobPath(dir, sha256);
  await mkdir(dirname(target), { recursive: true, mode: DIR_MODE });
  if (existsSync(target)) {
    await rm(tmp, { force: true });
    return { sha256, size, created: false };
  }
  await rename(tmp, target);
  return { sha256, size, created: true };
}

export function blobExists(dir: string, sha256: string): boolean {
  return existsSync(blobPath(dir, sha256));
}

/** Synchronous so that a flow can remove bytes inside the transaction that records why. */
export function deleteBlob(dir: string, sha256: string): void {
  rmSync(blobPath(dir, sha256), { force: true });
}
