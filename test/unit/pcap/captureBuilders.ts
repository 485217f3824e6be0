// Test-only writers for the capture variants the app's writer never produces: classic pcap in
// either byte order and precision with any link type, and pcapng blocks in either byte order.
// They follow pcap-savefile(5) and the pcapng draft independently of src/sim/pcap.

export interface Rec { sec: number; frac: number; data: Uint8Array; origlen?: number }

export function classicPcap(opts: { le: boolean; nanos?: boolean; linktype: number; snaplen?: number }, recs: Rec[]): Uint8Array {
  const size = 24 + recs.reduce((n, r) => n + 16 + r.data.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, opts.nanos ? 0xa1b23c4d : 0xa1b2c3d4, opts.le);
  dv.setUint16(4, 2, opts.le);
  dv.setUint16(6, 4, opts.le);
  dv.setUint32(16, opts.snaplen ?? 262144, opts.le);
  dv.setUint32(20, opts.linktype, opts.le);
  let o = 24;
  for (const r of recs) {
    dv.setUint32(o, r.sec, opts.le);
    dv.setUint32(o + 4, r.frac, opts.le);
    dv.setUint32(o + 8, r.data.length, opts.le);
    dv.setUint32(o + 12, r.origlen ?? r.data.length, opts.le);
    out.set(r.data, o + 16);
    o += 16 + r.data.length;
  }
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

const pad4 = (n: number) => (n + 3) & ~3;

/** A generic pcapng block: type, body (padded to 32 bits), lengths at both ends. */
export function block(le: boolean, type: number, body: Uint8Array): Uint8Array {
  const len = 12 + pad4(body.length);
  const out = new Uint8Array(len);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, type, le);
  dv.setUint32(4, len, le);
  out.set(body, 8);
  dv.setUint32(len - 4, len, le);
  return out;
}

export function option(le: boolean, code: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + pad4(value.length));
  const dv = new DataView(out.buffer);
  dv.setUint16(0, code, le);
  dv.setUint16(2, value.length, le);
  out.set(value, 4);
  return out;
}

export function shb(le: boolean): Uint8Array {
  const body = new Uint8Array(16);
  const dv = new DataView(body.buffer);
  dv.setUint32(0, 0x1a2b3c4d, le);
  dv.setUint16(4, 1, le);
  dv.setUint16(6, 0, le);
  dv.setBigInt64(8, -1n, le); // section length unknown
  return block(le, 0x0a0d0d0a, body);
}

export function idb(le: boolean, linktype: number, opts: { snaplen?: number; tsresol?: number; tsoffset?: bigint; name?: string } = {}): Uint8Array {
  const head = new Uint8Array(8);
  const dv = new DataView(head.buffer);
  dv.setUint16(0, linktype, le);
  dv.setUint32(4, opts.snaplen ?? 0, le);
  const options: Uint8Array[] = [];
  if (opts.name) options.push(option(le, 2, new TextEncoder().encode(opts.name)));
  if (opts.tsresol !== undefined) options.push(option(le, 9, Uint8Array.of(opts.tsresol)));
  if (opts.tsoffset !== undefined) {
    const v = new Uint8Array(8);
    new DataView(v.buffer).setBigInt64(0, opts.tsoffset, le);
    options.push(option(le, 14, v));
  }
  if (options.length) options.push(new Uint8Array(4)); // opt_endofopt
  return block(le, 1, concat(head, ...options));
}

export function epb(le: boolean, iface: number, units: bigint, data: Uint8Array, origlen = data.length): Uint8Array {
  const head = new Uint8Array(20);
  const dv = new DataView(head.buffer);
  dv.setUint32(0, iface, le);
  dv.setUint32(4, Number(units >> 32n), le);
  dv.setUint32(8, Number(units & 0xffffffffn), le);
  dv.setUint32(12, data.length, le);
  dv.setUint32(16, origlen, le);
  return block(le, 6, concat(head, data));
}

export function opb(le: boolean, iface: number, units: bigint, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(20);
  const dv = new DataView(head.buffer);
  dv.setUint16(0, iface, le);
  dv.setUint32(4, Number(units >> 32n), le);
  dv.setUint32(8, Number(units & 0xffffffffn), le);
  dv.setUint32(12, data.length, le);
  dv.setUint32(16, data.length, le);
  return block(le, 2, concat(head, data));
}

export function spb(le: boolean, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, data.length, le);
  return block(le, 3, concat(head, data));
}

/** Link-layer headers to put in front of an IPv4 packet. */
export const link = {
  ethernet: (ip: Uint8Array, vlan = false) => concat(
    Uint8Array.of(2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1),
    vlan ? Uint8Array.of(0x81, 0x00, 0x00, 0x05) : new Uint8Array(0),
    Uint8Array.of(0x08, 0x00), ip),
  nullLE: (ip: Uint8Array) => concat(Uint8Array.of(2, 0, 0, 0), ip),
  nullBE: (ip: Uint8Array) => concat(Uint8Array.of(0, 0, 0, 2), ip),
  sll: (ip: Uint8Array) => concat(Uint8Array.of(0, 0, 0x03, 0x04, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00), ip),
  sll2: (ip: Uint8Array) => concat(Uint8Array.of(0x08, 0x00, 0, 0, 0, 0, 0, 1, 0, 1, 4, 6, 0, 0, 0, 0, 0, 0, 0, 0), ip),
};
