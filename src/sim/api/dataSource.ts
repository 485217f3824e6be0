// Turning a step's `data` into bytes, and received bytes into the trace's text form.
import type { DataSpec } from '../../scenarios/schema';
import type { RecvResult } from '../trace/records';
import type { ByteQueue } from '../tcp/byteQueue';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Filler bytes cycle through the lowercase alphabet, so a reader can see where data breaks.
 *  The byte at stream offset o is FILLER[o % FILLER_PERIOD] (the period is a multiple of 26):
 *  consecutive pieces of a send are then adjacent views of this one buffer, which the send buffer
 *  joins into one chunk — so segments are views too, never copies. Bytes are never modified. */
const FILLER_PERIOD = 26 * 10082; // ≈ 256 KiB
const FILLER_TEXT = 'abcdefghijklmnopqrstuvwxyz'.repeat(FILLER_PERIOD / 26);
const FILLER = encoder.encode(FILLER_TEXT);

/** The text that filled a whole buffer of ASCII bytes (one byte per character), by buffer. Sent
 *  bytes travel as views of the sender's buffer, so most received reads are a view of one of
 *  these: their text is then a substring of the source (which V8 makes without copying) rather
 *  than a fresh decode — a bulk transfer's recv results stop costing a copy of every byte. */
const asciiSource = new WeakMap<ArrayBufferLike, string>();

function remember(text: string, bytes: Uint8Array): Uint8Array {
  if (bytes.length === text.length && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) asciiSource.set(bytes.buffer, text);
  return bytes;
}
remember(FILLER_TEXT, FILLER);

export function dataLength(d: DataSpec): number {
  return typeof d === 'string' ? encoder.encode(d).length : d.bytes;
}

/** A lazily materialized byte source for one send() call. */
export class DataSource {
  private readonly text: Uint8Array | null;
  readonly length: number;

  constructor(d: DataSpec) {
    // A string whose UTF-8 form has one byte per character is ASCII: remember it for recvResult.
    this.text = typeof d === 'string' ? remember(d, encoder.encode(d)) : null;
    this.length = this.text ? this.text.length : (d as { bytes: number }).bytes;
  }

  /** Append bytes [offset, offset + n) to `q` without copying them. */
  appendTo(q: ByteQueue, offset: number, n: number): void {
    const end = Math.min(this.length, offset + n);
    if (this.text) { q.push(this.text.subarray(offset, end)); return; }
    for (let o = offset; o < end;) {
      const start = o % FILLER_PERIOD;
      const take = Math.min(end - o, FILLER_PERIOD - start);
      q.push(FILLER.subarray(start, start + take));
      o += take;
    }
  }

  slice(offset: number, n: number): Uint8Array {
    const end = Math.min(this.length, offset + n);
    if (this.text) return this.text.subarray(offset, end);
    const start = offset % FILLER_PERIOD;
    if (end - offset + start <= FILLER.length) return FILLER.subarray(start, start + end - offset);
    const phase = offset % 26;
    const out = new Uint8Array(Math.max(0, end - offset));
    out.set(FILLER.subarray(phase, phase + Math.min(out.length, FILLER.length - phase)));
    // Fill the rest by doubling what is already there (the pattern repeats every 26 bytes).
    const period = FILLER.length - phase - ((FILLER.length - phase) % 26);
    for (let filled = Math.min(out.length, period); filled < out.length; filled *= 2) {
      out.copyWithin(filled, 0, Math.min(filled, out.length - filled));
    }
    return out;
  }
}

/** What recv()/recvfrom() returns for bytes `b`: the text, its hex form when the bytes are not
 *  valid UTF-8, and the sender when asked. Keys in this order (one literal per shape). */
export function recvResult(b: Uint8Array, from?: string): RecvResult {
  const bytes = b.length;
  const source = asciiSource.get(b.buffer);
  if (source !== undefined) {
    const data = source.substring(b.byteOffset, b.byteOffset + bytes);
    return from === undefined ? { bytes, data } : { bytes, data, from };
  }
  const data = decoder.decode(b);
  if (!data.includes('\uFFFD')) return from === undefined ? { bytes, data } : { bytes, data, from };
  let hex = '';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return from === undefined ? { bytes, data, hex } : { bytes, data, hex, from };
}
