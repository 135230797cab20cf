/**
 * Text written as UTF-8 into one buffer that doubles when full. Tens of megabytes of export built from
 * short-lived pieces this way never sit in the JS heap as tens of thousands of long-lived strings, which the
 * garbage collector would copy from young to old space (it cost more than building the text).
 */
export class GrowingUtf8Buffer {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;

  get byteLength(): number {
    return this.used;
  }

  write(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
    const most = text.length * 3;
    if (this.used + most > this.bytes.length) this.grow(this.used + most);
    this.used += this.bytes.write(text, this.used, "utf8");
  }

  append(other: GrowingUtf8Buffer): void {
    if (this.used + other.used > this.bytes.length) this.grow(this.used + other.used);
    this.used += other.bytes.copy(this.bytes, this.used, 0, other.used);
  }

  text(): string {
    return this.bytes.toString("utf8", 0, this.used);
  }

  private grow(needed: number): void {
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }
}
