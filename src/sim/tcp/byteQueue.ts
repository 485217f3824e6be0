// A FIFO of bytes stored as chunks, so appending and consuming never copy the whole buffer, and
// reading at an offset finds its chunk by binary search (send buffers hold thousands of chunks
// during a bulk transfer; a linear scan per segment would make the run quadratic).
import { NO_BYTES } from '../net/packet';

/** Where reads that span chunks are assembled by `shiftTemporary` (grown as needed, never shrunk). */
let scratch = new Uint8Array(4096);

export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Stream position of each chunk's first byte. */
  private starts: number[] = [];
  private first = 0; // index of the first live chunk
  private headPos = 0; // stream position of the front byte
  private endPos = 0; // stream position after the last byte

  get length(): number {
    return this.endPos - this.headPos;
  }

  /** Append bytes (kept, not copied). A view that continues the last chunk in the same buffer
   *  extends it instead: a bulk send arrives in thousands of small adjacent pieces, and a segment
   *  straddling two chunks would have to be copied. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const n = this.chunks.length;
    if (n > this.first) {
      const last = this.chunks[n - 1];
      if (last.buffer === bytes.buffer && last.byteOffset + last.length === bytes.byteOffset) {
        this.chunks[n - 1] = new Uint8Array(last.buffer, last.byteOffset, last.length + bytes.length);
        this.endPos += bytes.length;
        return;
      }
    }
    this.chunks.push(bytes);
    this.starts.push(this.endPos);
    this.endPos += bytes.length;
  }

  /** Index of the chunk holding stream position `pos` (which must be inside the queue). */
  private find(pos: number): number {
    let lo = this.first;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** `n` bytes starting `offset` bytes from the front, without consuming them. Within one chunk this
   *  is a view (no copy): queued bytes are never modified, so callers may keep it. */
  peek(offset: number, n: number): Uint8Array {
    const count = Math.max(0, Math.min(n, this.length - Math.max(0, offset)));
    if (count === 0) return NO_BYTES;
    let pos = this.headPos + offset;
    let i = this.find(pos);
    const first = this.chunks[i];
    const firstOff = pos - this.starts[i];
    if (firstOff + count <= first.length) return first.subarray(firstOff, firstOff + count);
    const out = new Uint8Array(count);
    let written = 0;
    while (written < count) {
      const c = this.chunks[i];
      const off = pos - this.starts[i];
      const take = Math.min(c.length - off, count - written);
      out.set(c.subarray(off, off + take), written);
      written += take;
      pos += take;
      i++;
    }
    return out;
  }

  /** Remove and return up to n bytes from the front. */
  shift(n: number): Uint8Array {
    const out = this.peek(0, n);
    this.drop(out.length);
    return out;
  }

  /** Like `shift`, but the bytes are only valid until the next `shiftTemporary` on any queue:
   *  a read spanning chunks is copied into a shared scratch buffer rather than a new array (a
   *  bulk receiver reads up to a megabyte at a time, only to turn it into text). */
  shiftTemporary(n: number): Uint8Array {
    const count = Math.max(0, Math.min(n, this.length));
    if (count === 0) return NO_BYTES;
    let i = this.find(this.headPos);
    const firstOff = this.headPos - this.starts[i];
    let out: Uint8Array;
    if (firstOff + count <= this.chunks[i].length) {
      out = this.chunks[i].subarray(firstOff, firstOff + count);
    } else {
      if (scratch.length < count) scratch = new Uint8Array(Math.max(count, scratch.length * 2));
      let pos = this.headPos;
      let written = 0;
      while (written < count) {
        const c = this.chunks[i];
        const off = pos - this.starts[i];
        const take = Math.min(c.length - off, count - written);
        scratch.set(off === 0 && take === c.length ? c : c.subarray(off, off + take), written);
        written += take;
        pos += take;
        i++;
      }
      out = scratch.subarray(0, count);
    }
    this.drop(count);
    return out;
  }

  /** Discard n bytes from the front. */
  drop(n: number): void {
    this.headPos += Math.max(0, Math.min(n, this.length));
    while (this.first < this.chunks.length && this.starts[this.first] + this.chunks[this.first].length <= this.headPos) this.first++;
    if (this.first > 64 && this.first * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.first);
      this.starts = this.starts.slice(this.first);
      this.first = 0;
    }
  }

  clear(): void {
    this.chunks = [];
    this.starts = [];
    this.first = 0;
    this.headPos = this.endPos = 0;
  }
}
