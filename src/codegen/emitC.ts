// C (POSIX sockets) as a textbook writes it: <sys/socket.h>, struct sockaddr_in, htons, inet_pton.
// A step that says `expect: "ok"` stops the program when it fails (die()); any other step reports
// the error with perror() and goes on, exactly as the simulator runs it. Threads are POSIX threads
// (pthread_create, one function each); poll() takes a struct pollfd array.
import type { ProgramModel } from './analyzeProgram';
import type { GroupModel } from './analyzeGroup';
import { optionOn } from './analyzeProgram';
import { CodeBuilder } from './codeBuilder';
import { cString, int, num, utf8 } from './literals';
import { codegenNotes, localize } from '../i18n/codegenNotes';
import { Names } from './names';
import type { CodeLocale, GeneratedCode } from './types';
import type { DataSpec, Step } from '../scenarios/schema';

const SHUT = { rd: 'SHUT_RD', wr: 'SHUT_WR', rdwr: 'SHUT_RDWR' } as const;
const LEVEL: Record<string, string> = {
  SO_REUSEADDR: 'SOL_SOCKET', SO_LINGER: 'SOL_SOCKET', SO_RCVBUF: 'SOL_SOCKET', SO_SNDBUF: 'SOL_SOCKET',
  SO_KEEPALIVE: 'SOL_SOCKET', TCP_NODELAY: 'IPPROTO_TCP',
};


/** What the file as a whole needs: headers and the die() helper. */
interface FileNeeds { die: boolean; fcntl: boolean; tcp: boolean; time: boolean; poll: boolean; pthread: boolean; errno: boolean }

interface CFunction { b: CodeBuilder; decl: string[] }

/** One program as the body of a C function (main or a thread's), with its local declarations. */
function cFunction(m: ProgramModel, g: GroupModel, names: Names, file: FileNeeds, locale: CodeLocale, workerName: (index: number) => string, threadName: (index: number) => string): CFunction {
  const t = codegenNotes(locale);
  const b = new CodeBuilder('c', '    ', m.steps.length);
  const need = { addr: false, buf: 0, n: false, opt: false, lg: false, fill: 0, from: false, pfd: 0 };
  const declared = new Set<string>([...g.shared].map((n) => names.socket(n)));
  const local = m.hoisted.filter((h) => !g.shared.has(h.name));
  for (const h of local) declared.add(names.socket(h.name));
  const threads: string[] = [];

  const onError = (st: Step) => (st.expect === 'ok' ? ((file.die = true), 'die') : 'perror');
  const checked = (call: string, callee: string, st: Step, what = callee) =>
    b.line(`if (${call} < 0) ${onError(st)}("${what}");`, callee);
  const setAddress = (ip: string | undefined, port: number, at: string) => {
    need.addr = true;
    b.line('memset(&addr, 0, sizeof addr);');
    b.line('addr.sin_family = AF_INET;');
    b.line(`addr.sin_port = htons(${int(port, `${at}.port`)});`);
    if (ip === undefined) b.line('addr.sin_addr.s_addr = htonl(INADDR_ANY);');
    else b.line(`inet_pton(AF_INET, ${cString(ip)}, &addr.sin_addr);`);
  };
  const payload = (data: DataSpec): [string, number] => {
    if (typeof data === 'string') return [cString(data), utf8(data).length];
    need.fill = Math.max(need.fill, data.bytes);
    return ['fill', data.bytes];
  };
  const bufferFor = (max: number, at: string) => {
    need.n = true;
    need.buf = Math.max(need.buf, Number(int(max, `${at}.max`)), 1);
    return String(max);
  };
  const printReceived = (st: Step, loop: boolean) => {
    const print = 'printf("received %zd bytes: %.*s\\n", n, (int)n, buf);';
    if (loop) b.indent().line(print).dedent().line(`if (n < 0) ${onError(st)}("recv");`);
    else if (st.expect === 'ok') b.line(`if (n < 0) ${onError(st)}("recv");`).line(print);
    else b.line('if (n < 0) perror("recv");').line(`else ${print}`);
  };

  b.indent();
  m.steps.forEach((st, i) => {
    const at = `steps[${i}]`;
    b.forStep(i);
    const note = localize(st.comment, locale);
    if (note !== undefined) b.comment(note);
    const s = 'sock' in st ? names.socket(st.sock) : '';
    switch (st.op) {
      case 'socket':
      case 'accept': {
        const v = names.socket(st.as);
        const decl = declared.has(v) ? '' : 'int ';
        declared.add(v);
        if (st.op === 'socket') b.line(`${decl}${v} = socket(AF_INET, ${st.type === 'stream' ? 'SOCK_STREAM, 0' : st.type === 'raw' ? 'SOCK_RAW, IPPROTO_ICMP' : 'SOCK_DGRAM, 0'});`, 'socket');
        else b.line(`${decl}${v} = accept(${s}, NULL, NULL);`, 'accept');
        b.line(`if (${v} < 0) ${onError(st)}("${st.op}");`);
        break;
      }
      case 'bind':
        setAddress(st.ip, st.port, at);
        checked(`bind(${s}, (struct sockaddr *)&addr, sizeof addr)`, 'bind', st);
        break;
      case 'listen':
        checked(`listen(${s}, ${int(st.backlog, `${at}.backlog`)})`, 'listen', st);
        break;
      case 'connect':
        setAddress(m.resolve(st.to), st.port, at);
        checked(`connect(${s}, (struct sockaddr *)&addr, sizeof addr)`, 'connect', st);
        break;
      case 'send': {
        const [data, len] = payload(st.data);
        checked(`send(${s}, ${data}, ${len}, 0)`, 'send', st);
        break;
      }
      case 'sendto': {
        const [data, len] = payload(st.data);
        setAddress(m.resolve(st.to), st.port, at);
        checked(`sendto(${s}, ${data}, ${len}, 0, (struct sockaddr *)&addr, sizeof addr)`, 'sendto', st);
        break;
      }
      case 'recv': {
        const max = bufferFor(st.max, at);
        if (st.until === 'eof') {
          b.line(`while ((n = recv(${s}, buf, ${max}, 0)) > 0)`, 'recv');
          printReceived(st, true);
        } else {
          b.line(`n = recv(${s}, buf, ${max}, 0);`, 'recv');
          printReceived(st, false);
        }
        break;
      }
      case 'recvfrom': {
        const max = bufferFor(st.max, at);
        need.from = true;
        b.line('fromlen = sizeof from;');
        b.line(`n = recvfrom(${s}, buf, ${max}, 0, (struct sockaddr *)&from, &fromlen);`, 'recvfrom');
        // A raw ICMP socket reads the whole IPv4 packet: the ICMP type and code follow the IP header.
        const print = m.target[i]?.kind === 'raw'
          ? 'printf("received %zd bytes from %s: ICMP type %d code %d\\n", n, inet_ntoa(from.sin_addr), (unsigned char)buf[(buf[0] & 0x0f) * 4], (unsigned char)buf[(buf[0] & 0x0f) * 4 + 1]);'
          : 'printf("received %zd bytes from %s:%d: %.*s\\n", n, inet_ntoa(from.sin_addr), ntohs(from.sin_port), (int)n, buf);';
        if (st.expect === 'ok') b.line(`if (n < 0) ${onError(st)}("recvfrom");`).line(print);
        else b.line('if (n < 0) perror("recvfrom");').line(`else ${print}`);
        break;
      }
      case 'shutdown':
        checked(`shutdown(${s}, ${SHUT[st.how]})`, 'shutdown', st);
        break;
      case 'close':
        if (st.expect === 'ok') checked(`close(${s})`, 'close', st);
        else b.line(`close(${s});`, 'close');
        break;
      case 'setsockopt':
        if (st.name === 'O_NONBLOCK') {
          file.fcntl = true;
          const flags = optionOn(st.value) ? `fcntl(${s}, F_GETFL) | O_NONBLOCK` : `fcntl(${s}, F_GETFL) & ~O_NONBLOCK`;
          checked(`fcntl(${s}, F_SETFL, ${flags})`, 'fcntl', st);
        } else if (st.name === 'SO_LINGER') {
          need.lg = true;
          const on = st.value !== false;
          const secs = typeof st.value === 'number' ? int(st.value, `${at}.value`) : '0';
          b.line(`lg.l_onoff = ${on ? 1 : 0};`).line(`lg.l_linger = ${secs};`);
          checked(`setsockopt(${s}, SOL_SOCKET, SO_LINGER, &lg, sizeof lg)`, 'setsockopt', st);
        } else {
          need.opt = true;
          if (st.name === 'TCP_NODELAY') file.tcp = true;
          const value = typeof st.value === 'boolean' ? (st.value ? '1' : '0') : int(st.value, `${at}.value`);
          b.line(`opt = ${value};`);
          checked(`setsockopt(${s}, ${LEVEL[st.name]}, ${st.name}, &opt, sizeof opt)`, 'setsockopt', st);
        }
        break;
      case 'sleep': {
        const ms = Number(num(st.ms, `${at}.ms`));
        if (ms % 1000 === 0) b.line(`sleep(${ms / 1000});`, 'sleep');
        else if (ms < 1000) b.line(`usleep(${Math.round(ms * 1000)});`, 'usleep');
        else {
          file.time = true;
          const sec = Math.floor(ms / 1000);
          const nsec = Math.round((ms - sec * 1000) * 1e6);
          b.line(`nanosleep(&(struct timespec){ .tv_sec = ${sec}, .tv_nsec = ${nsec} }, NULL);`, 'nanosleep');
        }
        break;
      }
      case 'spawn': {
        // pthread_create returns the error number instead of setting errno: put it there for perror.
        file.pthread = file.errno = true;
        const th = threadName(st.program);
        threads.push(th);
        b.line(`if ((errno = pthread_create(&${th}, NULL, ${workerName(st.program)}, NULL)) != 0) ${onError(st)}("pthread_create");`, 'pthread_create');
        break;
      }
      case 'poll': {
        file.poll = true;
        const watched = m.polled[i];
        need.pfd = Math.max(need.pfd, watched.length);
        watched.forEach(({ inst }, k) => b.line(`pfd[${k}].fd = ${names.socket(inst.name)}; pfd[${k}].events = POLLIN;`));
        const timeout = st.timeout === undefined ? -1 : Math.ceil(Number(num(st.timeout, `${at}.timeout`)));
        b.line(`ready = poll(pfd, ${watched.length}, ${timeout});`, 'poll');
        if (st.expect === 'ok') b.line(`if (ready < 0) ${onError(st)}("poll");`);
        else b.line('if (ready < 0) perror("poll");');
        b.line(`for (int k = 0; k < ${watched.length}; k++) if (pfd[k].revents) printf("fd %d is ready\\n", pfd[k].fd);`);
        break;
      }
    }
  });
  b.forStep(undefined);
  if (threads.length > 0) {
    b.comment(t.join);
    for (const th of threads) b.line(`pthread_join(${th}, NULL);`);
  }

  const decl = new CodeBuilder('c', '    ', 0).indent();
  for (const h of local) decl.line(decl.withComment(`int ${names.socket(h.name)} = -1;`, t.hoisted(h.name)));
  if (threads.length > 0) decl.line(`pthread_t ${threads.join(', ')};`);
  if (need.addr) decl.line('struct sockaddr_in addr;');
  if (need.from) decl.line('struct sockaddr_in from;').line('socklen_t fromlen;');
  if (need.buf) decl.line(`${need.buf > 65536 ? 'static ' : ''}char buf[${need.buf}];`);
  if (need.n) decl.line('ssize_t n;');
  if (need.pfd) decl.line(`struct pollfd pfd[${need.pfd}];`).line('int ready;');
  if (need.opt) decl.line('int opt;');
  if (need.lg) decl.line('struct linger lg;');
  if (need.fill) {
    decl.line(`static char fill[${need.fill}];`);
    decl.line("for (size_t i = 0; i < sizeof fill; i++) fill[i] = 'a' + i % 26;");
  }
  return { b, decl: decl.lines };
}

export function emitC(g: GroupModel, locale: CodeLocale, fileBase: string): GeneratedCode {
  const t = codegenNotes(locale);
  const main = g.members[0].model;
  const names = new Names('c', g.members.flatMap((mb) => [...mb.model.names]));
  for (const n of g.shared) names.socket(n);
  const workerNames = new Map(g.members.slice(1).map((mb) => [mb.index, names.fresh(`worker${mb.ordinal}`)]));
  const workerName = (index: number) => workerNames.get(index) ?? 'NULL';
  // The pthread_t of each worker is named after it: thread1 runs worker1.
  const threadNames = new Map(g.members.slice(1).map((mb) => [mb.index, names.fresh(`thread${mb.ordinal}`)]));
  const threadName = (index: number) => threadNames.get(index) ?? 'thread';
  const file: FileNeeds = { die: false, fcntl: false, tcp: false, time: false, poll: false, pthread: false, errno: false };
  const fns = g.members.map((mb) => cFunction(mb.model, g, names, file, locale, workerName, threadName));

  const parts: (string[] | CodeBuilder)[] = [];
  const head: string[] = [...new CodeBuilder('c', '', 0).comment(t.header(main.host, main.ip, main.programName)).lines];
  const includes = ['arpa/inet.h', ...(file.errno ? ['errno.h'] : []), ...(file.fcntl ? ['fcntl.h'] : []), 'netinet/in.h',
    ...(file.tcp ? ['netinet/tcp.h'] : []), ...(file.poll ? ['poll.h'] : []), ...(file.pthread ? ['pthread.h'] : []),
    'stdio.h', ...(file.die ? ['stdlib.h'] : []), 'string.h', 'sys/socket.h', ...(file.time ? ['time.h'] : []), 'unistd.h'];
  head.push(...includes.map((h) => `#include <${h}>`), '');
  if (file.die) head.push('static void die(const char *what)', '{', '    perror(what);', '    exit(1);', '}', '');
  if (g.shared.size > 0) {
    const globals = new CodeBuilder('c', '', 0);
    for (const n of g.shared) globals.line(globals.withComment(`static int ${names.socket(n)} = -1;`, t.shared(n)));
    head.push(...globals.lines, '');
  }
  // Prototypes: a worker may start one defined after it.
  if (g.members.length > 2) head.push(...g.members.slice(1).map((mb) => `static void *${workerName(mb.index)}(void *arg);`), '');
  parts.push(head);
  g.members.forEach((mb, k) => {
    if (k === 0) return;
    const fn = fns[k];
    const open = [...new CodeBuilder('c', '', 0).comment(t.thread(mb.model.programName)).lines, `static void *${workerName(mb.index)}(void *arg)`, '{', ...fn.decl];
    if (fn.decl.length > 0) open.push('');
    open.push('    (void)arg;');
    parts.push(open, fn.b.line('return NULL;').dedent().line('}'), ['']);
  });
  const fn = fns[0];
  parts.push(['int main(void)', '{', ...fn.decl, ...(fn.decl.length > 0 ? [''] : [])], fn.b.line('return 0;').dedent().line('}'));
  return fns[g.selected].b.assembleIn(parts, `${fileBase}.c`);
}
