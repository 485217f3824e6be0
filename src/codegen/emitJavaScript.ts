// JavaScript for Node.js (`net`, `dgram`), written top to bottom with await so that each BSD call
// stays one visible line. Node delivers connections and datagrams as events; `events.on()` queues
// them from the moment the socket exists, which is what the kernel's accept and receive queues do.
// Node binds and listens in one call (server.listen), and binds a client inside connect().
// A thread is an async function started without await; poll() is a helper that waits for the
// first readable socket, with queues it can look into for servers and UDP sockets.
import type { ProgramModel, SocketInstance } from './analyzeProgram';
import type { GroupModel } from './analyzeGroup';
import { optionOn } from './analyzeProgram';
import { bsdCall } from './callName';
import { CodeBuilder } from './codeBuilder';
import { int, jsString, num } from './literals';
import { codegenNotes, localize } from '../i18n/codegenNotes';
import { HELPERS } from './jsHelpers';
import { Names } from './names';
import type { CodeLocale, GeneratedCode } from './types';
import type { DataSpec, Step } from '../scenarios/schema';

interface FileState {
  names: Names;
  need: { write: boolean; readSome: boolean; readNow: boolean; send: boolean; queue: boolean; poll: boolean; halfOpenNoted: boolean };
  /** Variables every function sees (shared sockets and their queues), declared at the top of the module. */
  moduleVars: Set<string>;
  queueVar(inst: SocketInstance): string;
}

/** One program as statements: the module's own (depth 0) or an async function's body (depth 1). */
function jsBody(m: ProgramModel, g: GroupModel, f: FileState, locale: CodeLocale, failing: ReadonlySet<number>, depth: number, workerName: (index: number) => string): { b: CodeBuilder; decl: string[] } {
  const t = codegenNotes(locale);
  const names = f.names;
  const need = f.need;
  const local = { data: false, msg: false, ready: false };
  const b = new CodeBuilder('javascript', '  ', m.steps.length);
  for (let d = 0; d < depth; d++) b.indent();
  const declared = new Set<string>(f.moduleVars);
  const hoistedHere = m.hoisted.filter((h) => !g.shared.has(h.name));
  for (const h of hoistedHere) declared.add(names.socket(h.name));
  /** `const `/`let ` the first time a variable is assigned, nothing afterwards. */
  const declare = (v: string, name: string) => {
    if (declared.has(v)) return '';
    declared.add(v);
    return m.reassigned.has(name) ? 'let ' : 'const ';
  };
  // The event queue of a listener or UDP socket, created with the socket; a shared one is the module's.
  const queues = new Map<SocketInstance, string>();
  const queueOf = (inst: SocketInstance | undefined) => (inst ? queues.get(inst) ?? (g.shared.has(inst.name) && inst.kind !== 'stream' ? f.queueVar(inst) : undefined) : undefined);
  const queueVar = f.queueVar;
  const makeQueue = (v: string, inst: SocketInstance, event: string) => {
    if (inst.polled) need.queue = true;
    return inst.polled ? `queue(${v}, '${event}')` : `on(${v}, '${event}')`;
  };

  const payload = (data: DataSpec, at: string) =>
    // Filler data is the alphabet over and over, as the simulator sends it.
    typeof data === 'string' ? jsString(data) : `Buffer.alloc(${int(data.bytes, `${at}.data.bytes`)}, 'abcdefghijklmnopqrstuvwxyz')`;
  const port = (p: number, at: string) => int(p, `${at}.port`);
  const noEquivalent = (st: Step, api: string) => b.note(t.noEquivalent(bsdCall(st), api));
  const halfOpen = () => {
    if (!need.halfOpenNoted) b.comment(t.jsHalfOpen);
    need.halfOpenNoted = true;
  };
  const printData = "console.log('received:', data.toString());";

  m.steps.forEach((st, i) => {
    const at = `steps[${i}]`;
    b.forStep(i);
    const note = localize(st.comment, locale);
    if (note !== undefined) b.comment(note);
    // A step on a raw socket (or a poll() that watches one) becomes a comment: there is none here.
    if (m.target[i]?.kind === 'raw' || m.created[i]?.kind === 'raw' || m.polled[i].some((w) => w.inst.kind === 'raw')) { b.note(t.noRawSocket(bsdCall(st), 'Node.js', st.op === 'socket')); return; }
    // A call that fails in the run shown, where the scenario lets the program go on. What it
    // creates is declared before the try block so that later steps can still name it.
    const guarded = failing.has(i) && st.expect !== 'ok';
    if (guarded) {
      const made = m.created[i];
      const vars = !made ? [] : [names.socket(made.name), ...(st.op === 'socket' && made.kind !== 'stream' ? [queueVar(made)] : [])];
      for (const v of vars.filter((x) => !declared.has(x))) {
        b.line(`let ${v};`);
        declared.add(v);
      }
    }
    const mark = b.lines.length;
    const inst = m.target[i];
    const s = 'sock' in st ? names.socket(st.sock) : '';
    const kind = inst?.kind ?? 'stream';
    const api = kind === 'dgram' ? 'dgram' : kind === 'listener' ? 'net.Server' : 'net.Socket';
    const nonblocking = m.nonblockingAt[i];
    switch (st.op) {
      case 'socket': {
        const made = m.created[i]!;
        const v = names.socket(st.as);
        const decl = declare(v, st.as);
        if (made.kind === 'listener') {
          halfOpen();
          b.line(`${decl}${v} = net.createServer({ allowHalfOpen: true });`, 'net.createServer');
          const q = queueVar(made);
          queues.set(made, q);
          b.line(b.withComment(`${declare(q, st.as)}${q} = ${makeQueue(v, made, 'connection')};`, t.jsAcceptQueue));
        } else if (made.kind === 'stream') {
          halfOpen();
          b.line(`${decl}${v} = new net.Socket({ allowHalfOpen: true });`, 'new net.Socket');
        } else {
          const reuse = made.uses.some((u) => { const o = m.steps[u]; return o.op === 'setsockopt' && o.name === 'SO_REUSEADDR' && optionOn(o.value); });
          b.line(`${decl}${v} = dgram.createSocket(${reuse ? "{ type: 'udp4', reuseAddr: true }" : "'udp4'"});`, 'dgram.createSocket');
          const q = queueVar(made);
          queues.set(made, q);
          b.line(b.withComment(`${declare(q, st.as)}${q} = ${makeQueue(v, made, 'message')};`, t.jsInbox));
        }
        break;
      }
      case 'accept': {
        const v = names.socket(st.as);
        const q = queueOf(inst);
        if (q) b.line(`${declare(v, st.as)}[${v}] = (await ${q}.next()).value;`, `${q}.next`);
        else b.line(`${declare(v, st.as)}[${v}] = await once(${s}, 'connection');`, 'once');
        break;
      }
      case 'bind':
      case 'listen': {
        if (st.op === 'listen' && m.bindOfListen.has(i)) {
          b.share(i, m.bindOfListen.get(i)!);
          break;
        }
        const host = `host: ${jsString(st.op === 'bind' && st.ip !== undefined ? st.ip : '0.0.0.0')}, `;
        if (kind === 'listener') {
          const listen = st.op === 'listen' ? i : m.listenOfBind.get(i);
          const backlog = listen === undefined ? '' : `, backlog: ${int((m.steps[listen] as { backlog: number }).backlog, `steps[${listen}].backlog`)}`;
          b.comment(st.op === 'bind' ? t.jsListen : t.listenOnly);
          b.line(`${s}.listen({ ${host}port: ${st.op === 'bind' ? port(st.port, at) : '0'}${backlog} });`, `${s}.listen`);
          b.line(`await once(${s}, 'listening');`);
        } else if (st.op === 'listen') noEquivalent(st, api);
        else if (kind === 'dgram') {
          b.line(`${s}.bind(${port(st.port, at)}${st.ip !== undefined ? `, ${jsString(st.ip)}` : ''});`, `${s}.bind`);
          b.line(`await once(${s}, 'listening');`);
        } else if ([...m.bindOfConnect.values()].includes(i)) b.note(t.jsClientBind(`${st.ip ?? '0.0.0.0'}:${port(st.port, at)}`));
        else noEquivalent(st, api);
        break;
      }
      case 'connect': {
        const to = jsString(m.resolve(st.to));
        if (kind === 'dgram') {
          b.line(`${s}.connect(${port(st.port, at)}, ${to});`, `${s}.connect`).line(`await once(${s}, 'connect');`);
          break;
        }
        if (kind === 'listener') {
          noEquivalent(st, api);
          break;
        }
        const bind = m.bindOfConnect.get(i);
        const bst = bind === undefined ? undefined : m.steps[bind];
        const local = bst?.op === 'bind'
          ? `${bst.ip !== undefined ? `, localAddress: ${jsString(bst.ip)}` : ''}, localPort: ${port(bst.port, `steps[${bind}]`)}` : '';
        b.line(`${s}.connect({ host: ${to}, port: ${port(st.port, at)}${local} });`, `${s}.connect`);
        if (!nonblocking) b.line(`await once(${s}, 'connect');`);
        break;
      }
      case 'send':
      case 'sendto': {
        const data = payload(st.data, at);
        if (kind === 'dgram') {
          need.send = true;
          const to = st.op === 'sendto' ? `, ${port(st.port, at)}, ${jsString(m.resolve(st.to))}` : '';
          b.line(`await send(${s}, ${data}${to});`, 'send');
        } else if (kind === 'listener') noEquivalent(st, api);
        else if (nonblocking) b.line(`${s}.write(${data});`, `${s}.write`);
        else {
          need.write = true;
          b.line(`await write(${s}, ${data});`, 'write');
        }
        break;
      }
      case 'recv':
      case 'recvfrom': {
        const max = int(st.max, `${at}.max`);
        if (kind === 'dgram') {
          local.msg = true;
          const q = queueOf(inst);
          if (q) b.line(`[msg, rinfo] = (await ${q}.next()).value;`, `${q}.next`);
          else b.line(`[msg, rinfo] = await once(${s}, 'message');`, 'once');
          b.line("console.log('received:', msg.toString(), 'from', `${rinfo.address}:${rinfo.port}`);");
        } else if (kind === 'listener') noEquivalent(st, api);
        else if (nonblocking) {
          need.readNow = local.data = true;
          b.line(b.withComment(`data = readNow(${s}, ${max});`, t.jsNonblockingRead), 'readNow').line(`if (data) ${printData}`);
        } else {
          need.readSome = local.data = true;
          if (st.op === 'recv' && st.until === 'eof') {
            b.line(`while ((data = await readSome(${s}, ${max})).length > 0) {`, 'readSome').indent().line(printData).dedent().line('}');
          } else b.line(`data = await readSome(${s}, ${max});`, 'readSome').line(printData);
        }
        break;
      }
      case 'shutdown':
        if (kind !== 'stream' || st.how === 'rd') noEquivalent(st, api);
        else {
          if (st.how === 'rdwr') b.comment(t.jsShutdownRdwr);
          b.line(`${s}.end();`, `${s}.end`);
        }
        break;
      case 'close':
        if (kind === 'stream' && m.lingerZeroAt[i]) b.line(`${s}.resetAndDestroy();`, `${s}.resetAndDestroy`);
        else if (kind === 'stream') b.line(`${s}.destroy();`, `${s}.destroy`);
        else b.line(`${s}.close();`, `${s}.close`);
        break;
      case 'setsockopt': {
        const on = optionOn(st.value);
        const size = typeof st.value === 'number' ? int(st.value, `${at}.value`) : on ? '1' : '0';
        if (st.name === 'O_NONBLOCK') b.note(t.jsNonblocking(on, kind !== 'stream'));
        else if (st.name === 'SO_REUSEADDR' && kind === 'listener') b.note(t.jsReuseAddrServer);
        else if (st.name === 'SO_REUSEADDR' && kind === 'dgram' && inst?.createdAt !== null) b.note(t.jsReuseAddrDgram);
        else if (st.name === 'SO_LINGER' && kind === 'stream') b.note(t.jsLinger(st.value === 0 || st.value === true));
        else if (st.name === 'SO_RCVBUF' && kind === 'dgram') b.line(`${s}.setRecvBufferSize(${size});`, `${s}.setRecvBufferSize`);
        else if (st.name === 'SO_SNDBUF' && kind === 'dgram') b.line(`${s}.setSendBufferSize(${size});`, `${s}.setSendBufferSize`);
        else if (st.name === 'TCP_NODELAY' && kind === 'stream') b.line(`${s}.setNoDelay(${on});`, `${s}.setNoDelay`);
        else if (st.name === 'SO_KEEPALIVE' && kind === 'stream') b.line(`${s}.setKeepAlive(${on});`, `${s}.setKeepAlive`);
        else noEquivalent(st, api);
        break;
      }
      case 'sleep':
        b.line(`await sleep(${num(st.ms, `${at}.ms`)});`, 'sleep');
        break;
      case 'spawn': {
        const w = workerName(st.program);
        b.comment(t.jsSpawn).line(`${w}().catch((err) => console.log('${w} failed:', err.message));`, w);
        break;
      }
      case 'poll': {
        need.poll = local.ready = true;
        const sources = m.polled[i].map(({ inst: p }) => queueOf(p) ?? names.socket(p.name));
        const timeout = st.timeout === undefined ? '-1' : num(st.timeout, `${at}.timeout`);
        b.line(`ready = await poll(${timeout}, ${sources.join(', ')});`, 'poll').line("console.log('ready:', ready.length);");
        break;
      }
    }
    if (guarded && b.hasCall(i)) {
      b.wrap(mark, 'try {').line('} catch (err) {').indent();
      b.line(`console.log('${st.op} failed:', err.message);`).dedent().line('}');
    }
  });

  b.forStep(undefined);
  const decl = new CodeBuilder('javascript', '  ', 0);
  for (let d = 0; d < depth; d++) decl.indent();
  for (const h of hoistedHere) decl.line(decl.withComment(`let ${names.socket(h.name)};`, t.hoisted(h.name)));
  if (local.data) decl.line('let data;');
  if (local.msg) decl.line('let msg, rinfo;');
  if (local.ready) decl.line('let ready;');
  return { b, decl: decl.lines };
}

export function emitJavaScript(g: GroupModel, locale: CodeLocale, fileBase: string, failingOf: (index: number) => ReadonlySet<number>): GeneratedCode {
  const t = codegenNotes(locale);
  const main = g.members[0].model;
  const names = new Names('javascript', g.members.flatMap((mb) => [...mb.model.names]));
  for (const n of g.shared) names.socket(n);
  const queueVars = new Map<string, string>();
  const queueVar = (inst: SocketInstance) => {
    const key = `${inst.name}/${inst.kind}`;
    let v = queueVars.get(key);
    if (v === undefined) {
      v = names.fresh(names.socket(inst.name) + (inst.kind === 'listener' ? 'Connections' : 'Messages'));
      queueVars.set(key, v);
    }
    return v;
  };
  // Shared sockets, and the queues of shared servers and UDP sockets, live at module level.
  const sharedInsts = new Map<string, SocketInstance>();
  for (const mb of g.members) for (const inst of mb.model.instances) if (g.shared.has(inst.name) && !sharedInsts.has(inst.name)) sharedInsts.set(inst.name, inst);
  const moduleVars = new Set<string>();
  const top = new CodeBuilder('javascript', '', 0);
  for (const [n, inst] of sharedInsts) {
    moduleVars.add(names.socket(n));
    top.line(top.withComment(`let ${names.socket(n)};`, t.shared(n)));
    if (inst.kind !== 'stream') {
      moduleVars.add(queueVar(inst));
      top.line(`let ${queueVar(inst)};`);
    }
  }
  const f: FileState = {
    names, moduleVars, queueVar,
    need: { write: false, readSome: false, readNow: false, send: false, queue: false, poll: false, halfOpenNoted: false },
  };
  const workerNames = new Map(g.members.slice(1).map((mb) => [mb.index, names.fresh(`worker${mb.ordinal}`)]));
  const workerName = (index: number) => workerNames.get(index) ?? 'Promise.resolve';
  const bodies = g.members.map((mb, k) => jsBody(mb.model, g, f, locale, failingOf(mb.index), k === 0 ? 0 : 1, workerName));

  const parts: (string[] | CodeBuilder)[] = [];
  g.members.forEach((mb, k) => {
    if (k === 0) return;
    const open = [...new CodeBuilder('javascript', '', 0).comment(t.thread(mb.model.programName)).lines,
      `async function ${workerName(mb.index)}() {`, ...bodies[k].decl, ...(bodies[k].decl.length > 0 ? [''] : [])];
    parts.push(open, bodies[k].b.dedent().line('}'), ['']);
  });
  parts.push(bodies[0].decl, ...(bodies[0].decl.length > 0 ? [['']] : []), bodies[0].b);

  const need = f.need;
  const body = parts.flatMap((p) => (p instanceof CodeBuilder ? p.lines : p)).join('\n');
  const uses = (re: RegExp) => re.test(body);
  const head = new CodeBuilder('javascript', '', 0).comment(t.header(main.host, main.ip, main.programName)).lines;
  if (uses(/\bdgram\./)) head.push("import dgram from 'node:dgram';");
  const events = ['on', 'once'].filter((fn) => uses(new RegExp(`\\b${fn}\\(`)));
  if (events.length > 0) head.push(`import { ${events.join(', ')} } from 'node:events';`);
  if (uses(/\bnet\./)) head.push("import net from 'node:net';");
  if (uses(/\bawait sleep\(/)) head.push("import { setTimeout as sleep } from 'node:timers/promises';");
  const helperNotes = { write: t.jsWriteHelper, readSome: t.jsReadSomeHelper, readNow: t.jsReadNowHelper, send: t.jsSendHelper, queue: t.jsQueueHelper, poll: t.jsPollHelper };
  for (const h of ['write', 'readSome', 'readNow', 'send', 'queue', 'poll'] as const) {
    if (!need[h]) continue;
    head.push('', ...new CodeBuilder('javascript', '', 0).comment(helperNotes[h]).lines, ...HELPERS[h]);
  }
  head.push('');
  if (top.lines.length > 0) head.push(...top.lines, '');
  parts.unshift(head);
  return bodies[g.selected].b.assembleIn(parts, `${fileBase}.mjs`);
}
