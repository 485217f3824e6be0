// Reader for classic libpcap files (pcap-savefile(5)): either byte order, microsecond or
// nanosecond timestamps. A record cut off by the end of the file (a capture killed mid-write)
// ends the reading with a warning; the records before it are kept.
import { MAX_CAPTURE_FRAMES, MAX_RECORD_BYTES, captureError, type CaptureError } from './captureError';
import type { RawCapture, RawFrame } from './rawCapture';

export const PCAP_MAGIC_USEC = 0xa1b2c3d4;
export const PCAP_MAGIC_NSEC = 0xa1b23c4d;

/** `magicLE` is the first four bytes read as a little-endian uint32. */
export function isClassicPcapMagic(magicLE: number): boolean {
  const swapped = (((magicLE & 0xff) << 24) | ((magicLE & 0xff00) << 8) | ((magicLE >>> 8) & 0xff00) | (magicLE >>> 24)) >>> 0;
  return [magicLE, swapped].some((m) => m === PCAP_MAGIC_USEC || m === PCAP_MAGIC_NSEC);
}

export function readClassicPcap(bytes: Uint8Array): RawCapture | CaptureError {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicLE = dv.getUint32(0, true);
  const le = magicLE === PCAP_MAGIC_USEC || magicLE === PCAP_MAGIC_NSEC;
  const magic = dv.getUint32(0, le);
  const nanos = magic === PCAP_MAGIC_NSEC;
  if (bytes.length < 24) return captureError('truncated', { offset: bytes.length });
  const major = dv.getUint16(4, le);
  const minor = dv.getUint16(6, le);
  if (major !== 2) return captureError('unsupported-version', { major, minor });
  const snaplen = dv.getUint32(16, le);
  // The low 16 bits are the link type; the upper bits may carry FCS information (pcap-linktype).
  const linktype = dv.getUint32(20, le) & 0xffff;
  const result: RawCapture = {
    format: nanos ? 'pcap-nsec' : 'pcap',
    interfaces: [{ linktype, snaplen }],
    frames: [],
    warnings: [],
  };
  let o = 24;
  while (o < bytes.length) {
    if (bytes.length - o < 16) {
      result.warnings.push({ code: 'truncated', params: { offset: o } });
      break;
    }
    const caplen = dv.getUint32(o + 8, le);
    const origlen = dv.getUint32(o + 12, le);
    if (caplen > MAX_RECORD_BYTES) {
      result.warnings.push({ code: 'bad-record', params: { offset: o, length: caplen } });
      break;
    }
    if (caplen > bytes.length - o - 16) {
      result.warnings.push({ code: 'truncated', params: { offset: o } });
      break;
    }
    if (result.frames.length >= MAX_CAPTURE_FRAMES) return captureError('too-many-frames', { limit: MAX_CAPTURE_FRAMES });
    const frac = dv.getUint32(o + 4, le);
    const frame: RawFrame = {
      sec: dv.getUint32(o, le),
      // Broken files have fractions ≥ 1 s; t is computed as sec·1000 + nsec/1e6, so that is harmless.
      nsec: nanos ? frac : frac * 1000,
      iface: 0,
      data: bytes.subarray(o + 16, o + 16 + caplen),
      origlen: Math.max(origlen, caplen),
    };
    result.frames.push(frame);
    o += 16 + caplen;
  }
  return result;
}
