// Python with the standard `socket` module, written as a script the way tutorials do. A failing
// call raises OSError (ConnectionRefusedError, BlockingIOError…) and ends the script. A thread is a
// function run by threading.Thread; poll() is select.select() on the sockets to read.
import type { ProgramModel } from './analyzeProgram';
import type { GroupModel } from './analyzeGroup';
import { optionOn } from './analyzeProgram';
import { CodeBuilder } from './codeBuilder';
import { int, num, pythonBytes, pythonString } from './literals';
import { codegenNotes, localize } from '../i18n/codegenNotes';
import { Names } from './names';
import type { CodeLocale, GeneratedCode } from './types';
import type { DataSpec } from '../scenarios/schema';

/** Filler data is the alphabet over and over, as the simulator sends it. */
const ALPHABET = 'b"abcdefghijklmnopqrstuvwxyz"';
const SHUT = { rd: 'socket.SHUT_RD', wr: 'socket.SHUT_WR', rdwr: 'socket.SHUT_RDWR' } as const;
const LEVEL: Record<string, string> = {
  SO_REUSEADDR: 'socket.SOL_SOCKET', SO_RCVBUF: 'socket.SOL_SOCKET', SO_SNDBUF: 'socket.SOL_SOCKET',
  SO_KEEPALIVE: 'socket.SOL_SOCKET', TCP_NODELAY: 'socket.IPPROTO_TCP',
};

interface FileNeeds { struct: boolean; time: boolean; select: boolean; threading: boolean }

/** One program as statements: the script's own (depth 0) or a thread function's body (depth 1). */
function pythonBody(m: ProgramModel, names: Names, file: FileNeeds, locale: CodeLocale, failing: ReadonlySet<number>, depth: number, workerName: (index: number) => string): CodeBuilder {
  const b = new CodeBuilder('python', '    ', m.steps.length);
  for (let d = 0; d < depth; d++) b.indent();

  const address = (ip: string, port: number, at: string) => `(${pythonString(ip)}, ${int(port, `${at}.port`)})`;
  const payload = (data: DataSpec, at: string) =>
    typeof data === 'string' ? pythonBytes(data) : `(${ALPHABET} * ${Math.ceil(Number(int(data.bytes, `${at}.data.bytes`)) / 26)})[:${data.bytes}]`;

  m.steps.forEach((st, i) => {
    const at = `steps[${i}]`;
    b.forStep(i);
    const note = localize(st.comment, locale);
    if (note !== undefined) b.comment(note);
    // A call that fails in the run shown, where the scenario lets the program go on.
    const guarded = failing.has(i) && st.expect !== 'ok';
    const mark = b.lines.length;
    const s = 'sock' in st ? names.socket(st.sock) : '';
    switch (st.op) {
      case 'socket':
        b.line(`${names.socket(st.as)} = socket.socket(socket.AF_INET, ${st.type === 'stream' ? 'socket.SOCK_STREAM' : st.type === 'raw' ? 'socket.SOCK_RAW, socket.IPPROTO_ICMP' : 'socket.SOCK_DGRAM'})`, 'socket.socket');
        break;
      case 'accept':
        b.line(`${names.socket(st.as)}, addr = ${s}.accept()`, `${s}.accept`);
        break;
      case 'bind':
        b.line(`${s}.bind(${address(st.ip ?? '0.0.0.0', st.port, at)})`, `${s}.bind`);
        break;
      case 'listen':
        b.line(`${s}.listen(${int(st.backlog, `${at}.backlog`)})`, `${s}.listen`);
        break;
      case 'connect':
        b.line(`${s}.connect(${address(m.resolve(st.to), st.port, at)})`, `${s}.connect`);
        break;
      case 'send': {
        // sendall() is send() that blocks until every byte is in the send buffer, as the scenario's send does.
        const udp = m.target[i]?.kind === 'dgram';
        b.line(`${s}.${udp ? 'send' : 'sendall'}(${payload(st.data, at)})`, `${s}.${udp ? 'send' : 'sendall'}`);
        break;
      }
      case 'sendto':
        b.line(`${s}.sendto(${payload(st.data, at)}, ${address(m.resolve(st.to), st.port, at)})`, `${s}.sendto`);
        break;
      case 'recv': {
        const call = `data = ${s}.recv(${int(st.max, `${at}.max`)})`;
        if (st.until === 'eof') {
          b.line('while True:').indent().line(call, `${s}.recv`).line('if not data:').indent().line('break').dedent();
          b.line('print("received:", data)').dedent();
        } else b.line(call, `${s}.recv`).line('print("received:", data)');
        break;
      }
      case 'recvfrom':
        b.line(`data, addr = ${s}.recvfrom(${int(st.max, `${at}.max`)})`, `${s}.recvfrom`);
        // A raw ICMP socket reads the whole IPv4 packet: the ICMP type and code follow the IP header.
        if (m.target[i]?.kind === 'raw') b.line('ihl = (data[0] & 0x0F) * 4').line('print("received", len(data), "bytes from", addr[0], "ICMP type", data[ihl], "code", data[ihl + 1])');
        else b.line('print("received:", data, "from", addr)');
        break;
      case 'shutdown':
        b.line(`${s}.shutdown(${SHUT[st.how]})`, `${s}.shutdown`);
        break;
      case 'close':
        b.line(`${s}.close()`, `${s}.close`);
        break;
      case 'setsockopt':
        if (st.name === 'O_NONBLOCK') b.line(`${s}.setblocking(${optionOn(st.value) ? 'False' : 'True'})`, `${s}.setblocking`);
        else if (st.name === 'SO_LINGER') {
          file.struct = true;
          const on = st.value !== false ? 1 : 0;
          const secs = typeof st.value === 'number' ? int(st.value, `${at}.value`) : '0';
          b.line(`${s}.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", ${on}, ${secs}))`, `${s}.setsockopt`);
        } else {
          const value = typeof st.value === 'boolean' ? (st.value ? '1' : '0') : int(st.value, `${at}.value`);
          b.line(`${s}.setsockopt(${LEVEL[st.name]}, socket.${st.name}, ${value})`, `${s}.setsockopt`);
        }
        break;
      case 'sleep':
        file.time = true;
        b.line(`time.sleep(${Number(num(st.ms, `${at}.ms`)) / 1000})`, 'time.sleep');
        break;
      case 'spawn':
        file.threading = true;
        b.line(`threading.Thread(target=${workerName(st.program)}).start()`, 'threading.Thread');
        break;
      case 'poll': {
        file.select = true;
        const watched = st.socks.map((n) => names.socket(n)).join(', ');
        const timeout = st.timeout === undefined ? '' : `, ${Number(num(st.timeout, `${at}.timeout`)) / 1000}`;
        b.line(`readable = select.select([${watched}], [], []${timeout})[0]`, 'select.select');
        b.line('print("ready:", [r.fileno() for r in readable])');
        break;
      }
    }
    if (guarded && b.hasCall(i)) b.wrap(mark, 'try:').line('except OSError as e:').indent().line(`print("${st.op} failed:", e)`).dedent();
  });
  return b.forStep(undefined);
}

export function emitPython(g: GroupModel, locale: CodeLocale, fileBase: string, failingOf: (index: number) => ReadonlySet<number>): GeneratedCode {
  const t = codegenNotes(locale);
  const main = g.members[0].model;
  const names = new Names('python', g.members.flatMap((mb) => [...mb.model.names]));
  for (const n of g.shared) names.socket(n);
  const workerNames = new Map(g.members.slice(1).map((mb) => [mb.index, names.fresh(`worker${mb.ordinal}`)]));
  const workerName = (index: number) => workerNames.get(index) ?? 'None';
  const file: FileNeeds = { struct: false, time: false, select: false, threading: false };
  const bodies = g.members.map((mb, k) => pythonBody(mb.model, names, file, locale, failingOf(mb.index), k === 0 ? 0 : 1, workerName));

  // The first two lines are always imports: Python reads an encoding declaration from a comment there.
  const head = ['import socket', ...(file.select ? ['import select'] : []), ...(file.struct ? ['import struct'] : []),
    ...(file.threading ? ['import threading'] : []), ...(file.time ? ['import time'] : []), ''];
  const top = new CodeBuilder('python', '', 0).comment(t.header(main.host, main.ip, main.programName));
  // A module-level name is what every thread sees; a socket only this program names stays its own.
  for (const h of main.hoisted) if (!g.shared.has(h.name)) top.line(top.withComment(`${names.socket(h.name)} = None`, t.hoisted(h.name)));
  for (const n of g.shared) top.line(top.withComment(`${names.socket(n)} = None`, t.shared(n)));
  head.push(...top.lines, '');
  const parts: (string[] | CodeBuilder)[] = [head];
  g.members.forEach((mb, k) => {
    if (k === 0) return;
    const open = [...new CodeBuilder('python', '', 0).comment(t.thread(mb.model.programName)).lines, `def ${workerName(mb.index)}():`];
    // Assigning a name inside a function makes it local unless it is declared global.
    const assigned = [...new Set(mb.model.steps.flatMap((st) => (st.op === 'socket' || st.op === 'accept') && g.shared.has(st.as) ? [names.socket(st.as)] : []))];
    for (const h of mb.model.hoisted) if (!g.shared.has(h.name)) open.push(`    ${names.socket(h.name)} = None`);
    if (assigned.length > 0) open.push(`    global ${assigned.join(', ')}`);
    if (bodies[k].lines.length === 0 && open[open.length - 1].startsWith('def ')) open.push('    pass');
    parts.push(open, bodies[k], ['', '']);
  });
  parts.push(bodies[0]);
  return bodies[g.selected].assembleIn(parts, `${fileBase}.py`);
}
