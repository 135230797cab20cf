import { closeSync, openSync, writeFileSync } from "node:fs";
import type { TextSink } from "../../core/decisionExport.ts";

/**
 * Text held before each write, in UTF-16 units: memory stays this flat however long the file, and the flattened
 * text (at most 32 KB, two bytes a unit) stays a young object; a 64K two-byte one went to large-object space.
 */
const FLUSH_AT_CHARS = 16 * 1024;

/**
 * A file written piece by piece through a bounded buffer, as UTF-8. Pieces are appended to one string, which V8
 * keeps as a rope and flattens once per write: four times cheaper than encoding each of a year's ~800,000 pieces
 * into a Buffer, or joining an array of them. Writes are synchronous: a few tens of KB into the OS's page cache
 * take a fraction of a millisecond, less than handing them to the thread pool.
 */
export class ExportTextFile implements TextSink {
  private text = "";
  private readonly fd: number;
  private closed = false;

  constructor(readonly path: string) {
    // A new file only, readable by the bot's user alone: statements of reasons name accounts.
    this.fd = openSync(path, "wx", 0o600);
  }

  add(piece: string): void {
    this.text += piece;
    if (this.text.length >= FLUSH_AT_CHARS) this.flushText();
  }

  /** Writes what is buffered and closes the file; a second call does nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flushText();
    } finally {
      closeSync(this.fd);
    }
  }

  private flushText(): void {
    if (this.text === "") return;
    const text = this.text;
    this.text = "";
    // writeFileSync on a descriptor writes at its position and retries short writes, which writeSync leaves to us.
    writeFileSync(this.fd, text, "utf8");
  }
}
