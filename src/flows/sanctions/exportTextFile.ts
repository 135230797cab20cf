import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TextSink } from "../../core/decisionExport.ts";

/** Text held before each write: memory stays this flat however long the file grows. */
const FLUSH_AT_CHARS = 256 * 1024;

/**
 * A file written piece by piece through a bounded buffer, as UTF-8. Writes are synchronous: a few hundred KB
 * into the OS's page cache take a fraction of a millisecond, less than handing them to the thread pool.
 */
export class ExportTextFile implements TextSink {
  private pieces: string[] = [];
  private chars = 0;
  private readonly fd: number;
  private closed = false;

  constructor(readonly path: string) {
    // A new file only, readable by the bot's user alone: statements of reasons name accounts.
    this.fd = openSync(path, "wx", 0o600);
  }

  add(piece: string): void {
    this.pieces.push(piece);
    this.chars += piece.length;
    if (this.chars >= FLUSH_AT_CHARS) this.flush();
  }

  /** Writes what is buffered and closes the file; a second call does nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    if (this.chars === 0) return;
    const text = this.pieces.join("");
    this.pieces = [];
    this.chars = 0;
    // writeFileSync on a descriptor writes at its position and retries short writes, which writeSync leaves to us.
    writeFileSync(this.fd, text, "utf8");
  }
}

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
