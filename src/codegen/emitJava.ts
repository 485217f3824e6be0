// Java with the classic java.net classes a textbook teaches: ServerSocket, Socket, DatagramSocket
// and DatagramPacket. Where classic I/O has no equivalent of the BSD call — a non-blocking socket —
// that socket becomes an NIO channel (SocketChannel…), whose methods map one to one. Java folds
// bind() and listen() into ServerSocket.bind(address, backlog); both steps highlight that line.
// A thread is a static method run by new Thread(...).start(); poll() is a Selector over channels.
import type { ProgramModel, SocketInstance } from './analyzeProgram';
import type { GroupModel } from './analyzeGroup';
import { optionOn } from './analyzeProgram';
import { bsdCall } from './callName';
import { CodeBuilder } from './codeBuilder';
import { int, javaString, num, utf8 } from './literals';
import { codegenNotes, localize } from '../i18n/codegenNotes';
import { Names } from './names';
import type { CodeLocale, GeneratedCode } from './types';
import type { DataSpec, Step } from '../scenarios/schema';

// Java has no raw sockets: steps on one become a comment (a variable another thread declares for
// one is never assigned, so its type does not matter).
const CLASSIC = { listener: 'ServerSocket', stream: 'Socket', dgram: 'DatagramSocket', raw: 'DatagramSocket' } as const;
const CHANNEL = { listener: 'ServerSocketChannel', stream: 'SocketChannel', dgram: 'DatagramChannel', raw: 'DatagramChannel' } as const;
const SETTER: Record<string, string> = {
  SO_REUSEADDR: 'setReuseAddress', SO_RCVBUF: 'setReceiveBufferSize', SO_SNDBUF: 'setSendBufferSize',
  TCP_NODELAY: 'setTcpNoDelay', SO_KEEPALIVE: 'setKeepAlive',
};
/** Options each kind of socket accepts, classic setters and NIO setOption alike. */
const SUPPORTED = {
  listener: ['SO_REUSEADDR', 'SO_RCVBUF'],
  stream: ['SO_REUSEADDR', 'SO_LINGER', 'SO_RCVBUF', 'SO_SNDBUF', 'TCP_NODELAY', 'SO_KEEPALIVE'],
  dgram: ['SO_REUSEADDR', 'SO_RCVBUF', 'SO_SNDBUF'],
  raw: [],
};
const IMPORTS = [
  'java.net.DatagramPacket', 'java.net.DatagramSocket', 'java.net.InetSocketAddress', 'java.net.ServerSocket',
  'java.net.Socket', 'java.net.SocketAddress', 'java.net.StandardSocketOptions', 'java.nio.ByteBuffer',
  'java.nio.channels.DatagramChannel', 'java.nio.channels.SelectionKey', 'java.nio.channels.Selector',
  'java.nio.channels.ServerSocketChannel', 'java.nio.channels.SocketChannel', 'java.nio.charset.StandardCharsets',
];
const UTF8 = 'StandardCharsets.UTF_8';
const PRINT = `System.out.println("received: " + new String(buf, 0, n, ${UTF8}));`;

const typeOf = (inst: SocketInstance) => (inst.channel ? CHANNEL : CLASSIC)[inst.kind];

function className(fileBase: string): string {
  const pascal = fileBase.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const name = /^[A-Za-z]/.test(pascal) ? pascal : `P${pascal}`;
  const taken = new Set(IMPORTS.map((i) => i.slice(i.lastIndexOf('.') + 1)).concat(['System', 'String', 'Thread', 'Math', 'Exception', 'Object']));
  return taken.has(name) ? `${name}Program` : name;
}

/** Per file: one variable per scenario name and Java class; a shared name is one static field. */
class JavaVars {
  private readonly vars = new Map<string, Map<string, string>>();
  constructor(private readonly names: Names, private readonly shared: ReadonlySet<string>) {}

  of(inst: SocketInstance): string {
    if (this.shared.has(inst.name)) return this.names.socket(inst.name);
    const byType = this.vars.get(inst.name) ?? new Map<string, string>();
    this.vars.set(inst.name, byType);
    let v = byType.get(typeOf(inst));
    if (v === undefined) {
      v = byType.size === 0 ? this.names.socket(inst.name) : this.names.fresh(this.names.socket(inst.name) + '2');
      byType.set(typeOf(inst), v);
    }
    return v;
  }
}

interface JavaMethod { b: CodeBuilder; decl: string[] }

/** One program as the statements of a method: main's (depth 2) or a thread's, inside its try (depth 3). */
function javaMethod(m: ProgramModel, g: GroupModel, names: Names, vars: JavaVars, locale: CodeLocale, failing: ReadonlySet<number>, depth: number, workerName: (index: number) => string): JavaMethod {
  const t = codegenNotes(locale);
  const b = new CodeBuilder('java', '    ', m.steps.length);
  const need = { buf: 0, n: false, pkt: false, bb: false, selector: false };
  const declared = new Set<string>([...g.shared].map((n) => names.socket(n)));
  const varOf = (inst: SocketInstance) => vars.of(inst);
  const local = m.hoisted.filter((h) => !g.shared.has(h.name));
  for (const h of local) declared.add(varOf(h));

  const address = (ip: string | undefined, port: number, at: string) =>
    ip === undefined ? `new InetSocketAddress(${int(port, `${at}.port`)})` : `new InetSocketAddress(${javaString(ip)}, ${int(port, `${at}.port`)})`;
  const payload = (data: DataSpec, at: string): [string, number] => (typeof data === 'string'
    ? [`${javaString(data)}.getBytes(${UTF8})`, utf8(data).length]
    // Filler data is the alphabet over and over, as the simulator sends it.
    : [`"abcdefghijklmnopqrstuvwxyz".repeat(${Math.ceil(Number(int(data.bytes, `${at}.data.bytes`)) / 26)}).substring(0, ${data.bytes}).getBytes(${UTF8})`, data.bytes]);
  const maxOf = (max: number, at: string) => {
    need.buf = Math.max(need.buf, Number(int(max, `${at}.max`)), 1);
    return String(max);
  };
  const noEquivalent = (st: Step, api: string) => b.note(t.noEquivalent(bsdCall(st), api));

  for (let d = 0; d < depth; d++) b.indent();
  m.steps.forEach((st, i) => {
    const at = `steps[${i}]`;
    b.forStep(i);
    const note = localize(st.comment, locale);
    if (note !== undefined) b.comment(note);
    // A step on a raw socket (or a poll() that watches one) becomes a comment: there is none here.
    if (m.target[i]?.kind === 'raw' || m.created[i]?.kind === 'raw' || m.polled[i].some((w) => w.inst.kind === 'raw')) { b.note(t.noRawSocket(bsdCall(st), 'Java', st.op === 'socket')); return; }
    // A call that fails in the run shown, where the scenario lets the program go on. A socket it
    // creates is declared before the try block so that later steps can still name it.
    const guarded = failing.has(i) && st.expect !== 'ok';
    if (guarded) {
      const made = m.created[i];
      if (made && !declared.has(varOf(made))) {
        b.line(`${typeOf(made)} ${varOf(made)} = null;`);
        declared.add(varOf(made));
      }
    }
    const mark = b.lines.length;
    const inst = m.target[i];
    const s = inst ? varOf(inst) : '';
    const kind = inst?.kind ?? 'stream';
    const channel = inst?.channel === true;
    const type = inst ? typeOf(inst) : 'Socket';
    switch (st.op) {
      case 'socket':
      case 'accept': {
        const made = m.created[i]!;
        const v = varOf(made);
        const madeType = typeOf(made);
        const decl = declared.has(v) ? '' : `${madeType} `;
        declared.add(v);
        if (st.op === 'accept') {
          b.line(`${decl}${v} = ${s}.accept();`, `${s}.accept`);
          break;
        }
        if (made.channel) b.comment(t.javaChannel).line(`${decl}${v} = ${madeType}.open();`, `${madeType}.open`);
        else if (made.kind !== 'dgram') b.line(`${decl}${v} = new ${madeType}();`, `new ${madeType}`);
        else if (made.uses.some((u) => m.steps[u].op === 'bind')) b.line(`${decl}${v} = new DatagramSocket(null);`, 'new DatagramSocket');
        else b.line(b.withComment(`${decl}${v} = new DatagramSocket();`, t.javaUdpAutoBind), 'new DatagramSocket');
        break;
      }
      case 'bind': {
        const listen = m.listenOfBind.get(i);
        if (listen !== undefined) {
          const backlog = m.steps[listen].op === 'listen' ? (m.steps[listen] as { backlog: number }).backlog : 50;
          b.comment(t.javaBindListen(type)).line(`${s}.bind(${address(st.ip, st.port, at)}, ${int(backlog, `steps[${listen}].backlog`)});`, `${s}.bind`);
        } else b.line(`${s}.bind(${address(st.ip, st.port, at)});`, `${s}.bind`);
        break;
      }
      case 'listen':
        if (m.bindOfListen.has(i)) b.share(i, m.bindOfListen.get(i)!);
        else if (kind === 'listener') b.comment(t.listenOnly).line(`${s}.bind(null, ${int(st.backlog, `${at}.backlog`)});`, `${s}.bind`);
        else noEquivalent(st, type);
        break;
      case 'connect':
        if (kind === 'listener') noEquivalent(st, type);
        else b.line(`${s}.connect(${address(m.resolve(st.to), st.port, at)});`, `${s}.connect`);
        break;
      case 'send':
      case 'sendto': {
        const [bytes, len] = payload(st.data, at);
        const to = st.op === 'sendto' && kind === 'dgram' ? address(m.resolve(st.to), st.port, at) : undefined;
        if (kind === 'listener') noEquivalent(st, type);
        else if (kind === 'stream') {
          if (channel) b.line(`${s}.write(ByteBuffer.wrap(${bytes}));`, `${s}.write`);
          else b.line(`${s}.getOutputStream().write(${bytes});`, `${s}.getOutputStream().write`);
        } else if (channel) {
          if (to) b.line(`${s}.send(ByteBuffer.wrap(${bytes}), ${to});`, `${s}.send`);
          else b.line(`${s}.write(ByteBuffer.wrap(${bytes}));`, `${s}.write`);
        } else b.line(`${s}.send(new DatagramPacket(${bytes}, ${len}${to ? `, ${to}` : ''}));`, `${s}.send`);
        break;
      }
      case 'recv':
      case 'recvfrom': {
        const max = maxOf(st.max, at);
        if (kind === 'listener') noEquivalent(st, type);
        else if (kind === 'stream') {
          need.n = true;
          const read = channel ? `${s}.read(ByteBuffer.wrap(buf, 0, ${max}))` : `${s}.getInputStream().read(buf, 0, ${max})`;
          const callee = channel ? `${s}.read` : `${s}.getInputStream().read`;
          if (st.op === 'recv' && st.until === 'eof') b.line(`while ((n = ${read}) != -1) {`, callee).indent().line(PRINT).dedent().line('}');
          else b.line(`n = ${read};`, callee).line(`if (n > 0) ${PRINT}`);
        } else if (channel) {
          need.bb = true;
          b.line(`bb = ByteBuffer.wrap(buf, 0, ${max});`);
          b.line(`from = ${s}.receive(bb);`, `${s}.receive`);
          b.line(`if (from != null) System.out.println("received: " + new String(buf, 0, bb.position(), ${UTF8}) + " from " + from);`);
        } else {
          need.pkt = true;
          b.line(`pkt = new DatagramPacket(buf, ${max});`);
          b.line(`${s}.receive(pkt);`, `${s}.receive`);
          b.line(`System.out.println("received: " + new String(buf, 0, pkt.getLength(), ${UTF8}) + " from " + pkt.getSocketAddress());`);
        }
        break;
      }
      case 'shutdown':
        if (kind !== 'stream') noEquivalent(st, type);
        else if (st.how === 'wr') b.line(`${s}.shutdownOutput();`, `${s}.shutdownOutput`);
        else if (st.how === 'rd') b.line(`${s}.shutdownInput();`, `${s}.shutdownInput`);
        else b.line(`${s}.shutdownInput(); ${s}.shutdownOutput();`, `${s}.shutdownInput`);
        break;
      case 'close':
        b.line(`${s}.close();`, `${s}.close`);
        break;
      case 'setsockopt': {
        const on = optionOn(st.value);
        if (st.name === 'O_NONBLOCK') {
          if (channel) b.line(`${s}.configureBlocking(${!on});`, `${s}.configureBlocking`);
          else noEquivalent(st, type);
        } else if (!(SUPPORTED[kind] as readonly string[]).includes(st.name)) {
          if (kind === 'listener') b.note(t.javaServerOption(st.name, type));
          else b.note(t.noEquivalent(st.name, type));
        } else {
          const size = typeof st.value === 'number' ? int(st.value, `${at}.value`) : on ? '1' : '0';
          if (st.name === 'SO_LINGER') {
            // A negative linger time turns lingering off.
            const secs = st.value === false ? '-1' : typeof st.value === 'number' ? size : '0';
            if (channel) b.line(`${s}.setOption(StandardSocketOptions.SO_LINGER, ${secs});`, `${s}.setOption`);
            else b.line(`${s}.setSoLinger(${st.value !== false}, ${secs === '-1' ? '0' : secs});`, `${s}.setSoLinger`);
          } else {
            const value = st.name === 'SO_RCVBUF' || st.name === 'SO_SNDBUF' ? size : String(on);
            if (channel) b.line(`${s}.setOption(StandardSocketOptions.${st.name}, ${value});`, `${s}.setOption`);
            else b.line(`${s}.${SETTER[st.name]}(${value});`, `${s}.${SETTER[st.name]}`);
          }
        }
        break;
      }
      case 'sleep': {
        const ms = Number(num(st.ms, `${at}.ms`));
        const whole = Math.floor(ms);
        const nanos = Math.round((ms - whole) * 1e6);
        b.line(nanos === 0 ? `Thread.sleep(${whole});` : `Thread.sleep(${whole}, ${nanos});`, 'Thread.sleep');
        break;
      }
      case 'spawn':
        b.line(`new Thread(() -> ${workerName(st.program)}()).start();`, 'new Thread');
        break;
      case 'poll': {
        need.selector = true;
        b.comment(t.javaSelector);
        b.line('for (SelectionKey key : selector.keys()) if (key.isValid()) key.interestOps(0);');
        for (const { inst: p, nonblocking } of m.polled[i]) {
          const v = varOf(p);
          if (!nonblocking) b.line(`${v}.configureBlocking(false);`);
          b.line(`${v}.register(selector, SelectionKey.${p.kind === 'listener' ? 'OP_ACCEPT' : 'OP_READ'});`);
        }
        b.line('selector.selectedKeys().clear();');
        const ms = st.timeout === undefined ? undefined : Math.ceil(Number(num(st.timeout, `${at}.timeout`)));
        // select(0) would wait forever: poll()'s 0 is selectNow().
        const call = ms === undefined ? 'select()' : ms === 0 ? 'selectNow()' : `select(${ms})`;
        b.line(`ready = selector.${call};`, `selector.${call.slice(0, call.indexOf('('))}`);
        b.line('System.out.println("ready: " + ready);');
        break;
      }
    }
    if (guarded && b.hasCall(i)) {
      b.wrap(mark, 'try {').line('} catch (Exception e) {').indent();
      b.line(`System.out.println("${st.op} failed: " + e.getMessage());`).dedent().line('}');
    }
  });
  b.forStep(undefined);

  const decl = new CodeBuilder('java', '    ', 0);
  for (let d = 0; d < depth; d++) decl.indent();
  for (const h of local) decl.line(decl.withComment(`${typeOf(h)} ${varOf(h)} = null;`, t.hoisted(h.name)));
  if (need.buf) decl.line(`byte[] buf = new byte[${need.buf}];`);
  if (need.n) decl.line('int n;');
  if (need.pkt) decl.line('DatagramPacket pkt;');
  if (need.bb) decl.line('ByteBuffer bb;').line('SocketAddress from;');
  if (need.selector) decl.line('Selector selector = Selector.open();').line('int ready;');
  return { b, decl: decl.lines };
}

export function emitJava(g: GroupModel, locale: CodeLocale, fileBase: string, failingOf: (index: number) => ReadonlySet<number>): GeneratedCode {
  const t = codegenNotes(locale);
  const main = g.members[0].model;
  const names = new Names('java', g.members.flatMap((mb) => [...mb.model.names]));
  for (const n of g.shared) names.socket(n);
  const vars = new JavaVars(names, g.shared);
  const workerNames = new Map(g.members.slice(1).map((mb) => [mb.index, names.fresh(`worker${mb.ordinal}`)]));
  const workerName = (index: number) => workerNames.get(index) ?? 'run';
  const methods = g.members.map((mb, k) => javaMethod(mb.model, g, names, vars, locale, failingOf(mb.index), k === 0 ? 2 : 3, workerName));

  const fields = new CodeBuilder('java', '    ', 0).indent();
  for (const n of g.shared) {
    const inst = g.members.flatMap((mb) => mb.model.instances).find((i) => i.name === n && i.createdAt !== null)
      ?? g.members.flatMap((mb) => mb.model.instances).find((i) => i.name === n)!;
    fields.line(fields.withComment(`static ${typeOf(inst)} ${names.socket(n)};`, t.shared(n)));
  }
  const parts: (string[] | CodeBuilder)[] = [];
  const mainOpen = ['    public static void main(String[] args) throws Exception {', ...methods[0].decl, ...(methods[0].decl.length > 0 ? [''] : [])];
  parts.push(mainOpen, methods[0].b.dedent().line('}'));
  g.members.forEach((mb, k) => {
    if (k === 0) return;
    const w = workerName(mb.index);
    const open = ['', ...new CodeBuilder('java', '    ', 0).indent().comment(t.thread(mb.model.programName)).lines,
      `    static void ${w}() {`, '        try {', ...methods[k].decl, ...(methods[k].decl.length > 0 ? [''] : [])];
    methods[k].b.dedent().line('} catch (Exception e) {').indent().line(`System.out.println("${w} failed: " + e.getMessage());`).dedent().line('}').dedent().line('}');
    parts.push(open, methods[k].b);
  });
  parts.push(['}']);

  const cls = className(fileBase);
  const code = [...fields.lines, ...parts.flatMap((p) => (p instanceof CodeBuilder ? p.lines : p))].join('\n');
  const head = new CodeBuilder('java', '', 0).comment(t.header(main.host, main.ip, main.programName)).lines;
  head.push(...IMPORTS.filter((imp) => new RegExp(`\\b${imp.slice(imp.lastIndexOf('.') + 1)}\\b`).test(code)).map((imp) => `import ${imp};`));
  head.push('', `public class ${cls} {`, ...fields.lines, ...(fields.lines.length > 0 ? [''] : []));
  parts.unshift(head);
  return methods[g.selected].b.assembleIn(parts, `${cls}.java`);
}
