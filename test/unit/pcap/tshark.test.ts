// @vitest-environment node
// The written pcap as Wireshark's dissector reads it: field values, checksum verdicts and no
// warnings. Needs tshark (`node scripts/ensure-tools.mjs` installs it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePcap } from '../../../src/sim/pcap/pcapWriter';
import { ISN_C, ISN_S, sampleFrames } from './samplePackets';

const FIELDS = [
  'frame.number', 'frame.time_relative', 'frame.protocols', 'ip.len', 'ip.id', 'ip.flags.df', 'ip.ttl', 'ip.checksum.status',
  'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.seq', 'tcp.ack', 'tcp.flags', 'tcp.window_size_value',
  'tcp.window_size', 'tcp.hdr_len', 'tcp.len', 'tcp.option_kind', 'tcp.options.mss_val', 'tcp.options.wscale.shift',
  'tcp.options.timestamp.tsval', 'tcp.checksum.status', 'tcp.payload', 'udp.srcport', 'udp.dstport', 'udp.length',
  'udp.checksum.status', 'icmp.type', 'icmp.code', 'icmp.checksum.status', '_ws.expert.severity', '_ws.malformed',
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

// Wireshark's checksum status values (PROTO_CHECKSUM_E_*) and expert severities (PI_*).
const GOOD = '1', UNVERIFIED = '2';
const PI_WARN = 0x00600000, PI_ERROR = 0x00800000;

const dir = mkdtempSync(join(tmpdir(), 'socketlab-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tshark(args: string[]): { stdout: string; stderr: string } {
  const r = spawnSync('tshark', args, { encoding: 'utf8' });
  if (r.error) throw new Error(`tshark is not installed (run node scripts/ensure-tools.mjs): ${r.error.message}`);
  expect(r.status).toBe(0);
  // tshark's note about running as root is about the machine, not the file.
  const stderr = r.stderr.split('\n').filter((l) => l && !l.startsWith('Running as user "root"')).join('\n');
  return { stdout: r.stdout, stderr };
}

function dissect(): Row[] {
  const file = join(dir, 'sample.pcap');
  writeFileSync(file, writePcap(sampleFrames()));
  const { stdout, stderr } = tshark([
    '-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE',
    '-T', 'fields', '-E', 'separator=|', ...FIELDS.flatMap((f) => ['-e', f]),
  ]);
  expect(stderr).toBe('');
  return stdout.trim().split('\n').map((line) => {
    const cells = line.split('|');
    return Object.fromEntries(FIELDS.map((f, i) => [f, cells[i] ?? ''])) as Row;
  });
}

describe('writePcap read back by tshark', () => {
  let rows: Row[] = [];
  beforeAll(() => { rows = dissect(); });
  const c1 = (ISN_C + 1) >>> 0, s1 = (ISN_S + 1) >>> 0;

  it('has one frame per packet, raw IP, at the virtual times', () => {
    expect(rows.map((r) => r['frame.number'])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(rows.map((r) => Number(r['frame.time_relative']))).toEqual(sampleFrames().map((f) => f.t / 1000));
    expect(rows[0]['frame.protocols']).toBe('raw:ip:tcp');
  });

  it('verifies every IPv4, TCP, UDP and ICMP checksum as good', () => {
    for (const r of rows) expect(r['ip.checksum.status'].split(',').every((s) => s === GOOD)).toBe(true);
    for (const r of rows.slice(0, 7)) expect(r['tcp.checksum.status']).toBe(GOOD);
    expect(rows[7]['udp.checksum.status']).toBe(GOOD);
    expect(rows[8]['icmp.checksum.status']).toBe(GOOD);
    // Inside the ICMP error only 8 bytes of the datagram are quoted, so its checksum cannot be checked.
    expect(rows[8]['udp.checksum.status']).toBe(UNVERIFIED);
  });

  it('reads the SYN: raw seq, flags, window, MSS NOP WS options', () => {
    expect(rows[0]).toMatchObject({
      'ip.len': '48', 'ip.id': '0x1001', 'ip.flags.df': '1', 'ip.ttl': '64',
      'tcp.srcport': '40000', 'tcp.dstport': '80', 'tcp.seq_raw': String(ISN_C), 'tcp.ack_raw': '0', 'tcp.seq': '0',
      'tcp.flags': '0x0002', 'tcp.window_size_value': '64240', 'tcp.hdr_len': '28', 'tcp.len': '0',
      'tcp.option_kind': '2,1,3', 'tcp.options.mss_val': '1460', 'tcp.options.wscale.shift': '7',
    });
  });

  it('reads the SYN-ACK with MSS, SACK-permitted, timestamps, NOP, WS', () => {
    expect(rows[1]).toMatchObject({
      'tcp.seq_raw': String(ISN_S), 'tcp.ack_raw': String(c1), 'tcp.seq': '0', 'tcp.ack': '1', 'tcp.flags': '0x0012',
      'tcp.hdr_len': '40', 'tcp.option_kind': '2,4,8,1,3', 'tcp.options.mss_val': '1400', 'tcp.options.wscale.shift': '9',
      'tcp.options.timestamp.tsval': String(0xdeadbeef),
    });
  });

  it('reads ACK, data across the 2^32 wrap, FIN and RST with scaled windows', () => {
    expect(rows[2]).toMatchObject({ 'tcp.flags': '0x0010', 'tcp.seq': '1', 'tcp.ack': '1', 'tcp.window_size_value': '502', 'tcp.window_size': String(502 * 128) });
    expect(rows[3]).toMatchObject({
      'tcp.flags': '0x0018', 'tcp.len': '12', 'tcp.payload': Buffer.from('hello, world').toString('hex'), 'ip.len': '52',
    });
    expect(rows[4]).toMatchObject({ 'tcp.ack_raw': String((c1 + 12) >>> 0), 'tcp.ack': '13', 'tcp.window_size': String(128 * 512) });
    expect(Number(rows[4]['tcp.ack_raw'])).toBeLessThan(c1); // wrapped past 2^32
    expect(rows[5]).toMatchObject({ 'tcp.flags': '0x0011', 'tcp.seq': '13' });
    expect(rows[6]).toMatchObject({ 'tcp.flags': '0x0014', 'tcp.seq_raw': String(s1), 'tcp.ack': '14', 'tcp.window_size_value': '0' });
  });

  it('reads the UDP datagram and the ICMP port unreachable quoting it', () => {
    expect(rows[7]).toMatchObject({ 'ip.len': '32', 'udp.srcport': '40001', 'udp.dstport': '9999', 'udp.length': '12' });
    expect(rows[8]).toMatchObject({
      'ip.len': '56,32', 'ip.id': '0x3333,0x2222', 'ip.flags.df': '0,1', 'icmp.type': '3', 'icmp.code': '3',
      'udp.srcport': '40001', 'udp.dstport': '9999',
    });
  });

  it('raises no malformed-packet or error-level expert info; the only warning is the RST', () => {
    for (const r of rows) expect(r['_ws.malformed']).toBe('');
    const severities = rows.map((r) => (r['_ws.expert.severity'] ? r['_ws.expert.severity'].split(',').map(Number) : []));
    expect(severities.flat().every((s) => s < PI_ERROR)).toBe(true);
    expect(severities.map((s) => s.some((x) => x >= PI_WARN))).toEqual([false, false, false, false, false, false, true, false, false]);
  });
});
