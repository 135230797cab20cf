import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blobExists, blobPath, deleteBlob, storeBlob } from "../../src/store/evidenceBlobs.ts";

async function* chunksOf(...parts: string[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

describe("evidence blobs", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "evidence-blobs-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("stores bytes under <aa>/<bb>/<sha256>, readable by the bot's user only", async () => {
    const sha = createHash("sha256").update("hello evidence").digest("hex");
    const stored = await storeBlob(dir, chunksOf("hello ", "evidence"));
    expect(stored).toEqual({ sha256: sha, size: 14, created: true });
    expect(blobPath(dir, sha)).toBe(join(dir, sha.slice(0, 2), sha.slice(2, 4), sha));
    expect(readFileSync(blobPath(dir, sha), "utf8")).toBe("hello evidence");
    expect(statSync(blobPath(dir, sha)).mode & 0o777).toBe(0o600);
  });

  it("keeps one copy of bytes stored twice", async () => {
    await storeBlob(dir, chunksOf("same"));
    const again = await storeBlob(dir, chunksOf("sa", "me"));
    expect(again.created).toBe(false);
    expect(filesUnder(dir)).toEqual([blobPath(dir, again.sha256)]);
  });

  it("leaves nothing behind when the bytes stop arriving", async () => {
    async function* broken(): AsyncIterable<Uint8Array> {
      yield Buffer.from("partial");
      throw new Error("connection reset");
    }
    await expect(storeBlob(dir, broken())).rejects.toThrow("connection reset");
    expect(filesUnder(dir)).toEqual([]);
  });

  it("deletes bytes by hash, and deleting again is harmless", async () => {
    const { sha256 } = await storeBlob(dir, chunksOf("to be redacted"));
    deleteBlob(dir, sha256);
    expect(blobExists(dir, sha256)).toBe(false);
    expect(() => deleteBlob(dir, sha256)).not.toThrow();
  });

  it("refuses a path for anything but a SHA-256 hex digest", () => {
    expect(() => blobPath(dir, "../../etc/passwd")).toThrow("not a lowercase SHA-256");
  });
});
