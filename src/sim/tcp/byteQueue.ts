// A FIFO of bytes stored as chunks, so appending and consuming never copy the whole buffer.
// Used for send buffers (bytes from SND.UNA on) and receive buffers (bytes not yet read).

export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0; // offset into chunks[0]
  private len = 0;

  get length(): number {
    return this.len;
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.len += bytes.length;
  }

  /** Copy `n` bytes starting `offset` bytes from the front, without consuming them. */
  peek(offset: number, n: number): Uint8Array {
    const count = Math.max(0, Math.min(n, this.len - offset));
    const out = new Uint8Array(count);
    let skip = offset + this.head;
    let written = 0;
    for (const c of this.chunks) {
      if (written === count) break;
      if (skip >= c.length) { skip -= c.length; continue; }
      const take = Math.min(c.length - skip, count - written);
      out.set(c.subarray(skip, skip + take), written);
      written += take;
      skip = 0;
    }
    return out;
  }

  /** Remove and return up to n bytes from the front. */
  shift(n: number): Uint8Array {
    const out = this.peek(0, n);
    this.drop(out.length);
    return out;
  }

  /** Discard n bytes from the front. */
  drop(n: number): void {
    let left = Math.min(n, this.len);
    this.len -= left;
    while (left > 0) {
      const c = this.chunks[0];
      const avail = c.length - this.head;
      if (left < avail) { this.head += left; return; }
      left -= avail;
      this.chunks.shift();
      this.head = 0;
    }
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.len = 0;
  }
}
