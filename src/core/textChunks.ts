/** Pieces joined into one chunk string at a time: a chunk is past V8's large-object size (about 128 KB). */
const PIECES_PER_CHUNK = 16_384;

/**
 * A long text built from many short pieces. Tens of megabytes kept as tens of thousands of row strings would
 * be copied by every young-generation collection until promoted, and rows concatenated piece by piece are
 * trees the join must walk (both cost more than building the text); pieces joined straight into large
 * chunks die young, and the chunks live where the collector does not copy them.
 */
export class TextChunks {
  private pieces: string[] = [];
  private readonly chunks: string[] = [];

  add(piece: string): void {
    this.pieces.push(piece);
    if (this.pieces.length === PIECES_PER_CHUNK) this.flush();
  }

  text(): string {
    this.flush();
    return this.chunks.join("");
  }

  private flush(): void {
    if (this.pieces.length === 0) return;
    this.chunks.push(this.pieces.join(""));
    this.pieces = [];
  }
}
