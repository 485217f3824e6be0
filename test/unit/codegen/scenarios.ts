// Representative scenarios for the code generator's tests, each validated by the real schema.
import { parseScenario, type Scenario } from '../../../src/scenarios/schema';

type Programs = Record<string, unknown>[];

function scenario(programs: { host: string; name?: string; start?: string; steps: Programs }[], extra: Record<string, unknown> = {}): Scenario {
  const r = parseScenario({
    format: 'socketlab-scenario/1',
    seed: 1,
    hosts: { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } },
    programs,
    ...extra,
  });
  if (!r.ok) throw new Error(`fixture does not validate: ${r.error.message}`);
  return r.scenario;
}

export const tcpEcho = scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'ls', comment: { en: 'the listening socket', 'zh-CN': '监听套接字' } },
    { op: 'setsockopt', sock: 'ls', name: 'SO_REUSEADDR', value: 1 },
    { op: 'bind', sock: 'ls', port: 7000, expect: 'ok' },
    { op: 'listen', sock: 'ls', backlog: 5, expect: 'ok' },
    { op: 'accept', sock: 'ls', as: 'c' },
    { op: 'recv', sock: 'c', max: 1024 },
    { op: 'send', sock: 'c', data: 'hello' },
    { op: 'close', sock: 'c' },
    { op: 'close', sock: 'ls' },
  ] },
  { host: 'client', steps: [
    { op: 'sleep', ms: 5 },
    { op: 'socket', type: 'stream', as: 's' },
    { op: 'connect', sock: 's', to: 'server', port: 7000, expect: 'ok' },
    { op: 'send', sock: 's', data: 'hi' },
    { op: 'recv', sock: 's', max: 1024 },
    { op: 'close', sock: 's' },
  ] },
]);

export const udpEcho = scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'dgram', as: 'u' },
    { op: 'bind', sock: 'u', port: 9000, ip: '10.0.0.2' },
    { op: 'recvfrom', sock: 'u', max: 512 },
    { op: 'sendto', sock: 'u', to: 'client', port: 9001, data: 'pong' },
    { op: 'close', sock: 'u' },
  ] },
  { host: 'client', steps: [
    { op: 'socket', type: 'dgram', as: 'u' },
    { op: 'bind', sock: 'u', port: 9001 },
    { op: 'sendto', sock: 'u', to: '10.0.0.2', port: 9000, data: 'ping' },
    { op: 'recvfrom', sock: 'u', max: 512 },
    { op: 'close', sock: 'u' },
  ] },
]);

/** A connected UDP socket (connect + send + recv) and a client with no bind. */
export const udpConnected = scenario([
  { host: 'client', steps: [
    { op: 'socket', type: 'dgram', as: 'u' },
    { op: 'connect', sock: 'u', to: 'server', port: 53 },
    { op: 'send', sock: 'u', data: { bytes: 100 } },
    { op: 'recv', sock: 'u', max: 1500 },
    { op: 'close', sock: 'u' },
  ] },
]);

/** Half-close: the client sends, shuts down its sending side, and reads until the server closes. */
export const halfClose = scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'ls' },
    { op: 'bind', sock: 'ls', port: 80 },
    { op: 'listen', sock: 'ls', backlog: 1 },
    { op: 'accept', sock: 'ls', as: 'conn' },
    { op: 'recv', sock: 'conn', max: 4096, until: 'eof' },
    { op: 'send', sock: 'conn', data: { bytes: 3000 } },
    { op: 'shutdown', sock: 'conn', how: 'rdwr' },
    { op: 'close', sock: 'conn' },
  ] },
  { host: 'client', steps: [
    { op: 'socket', type: 'stream', as: 's' },
    { op: 'bind', sock: 's', port: 40000, ip: '10.0.0.1' },
    { op: 'connect', sock: 's', to: 'server', port: 80 },
    { op: 'send', sock: 's', data: 'GET / HTTP/1.0\r\n\r\n' },
    { op: 'shutdown', sock: 's', how: 'wr', comment: 'FIN: nothing more to send' },
    { op: 'recv', sock: 's', max: 1000, until: 'eof' },
    { op: 'shutdown', sock: 's', how: 'rd' },
    { op: 'close', sock: 's' },
  ] },
]);

/** Abortive close: SO_LINGER 0 makes close() send RST. */
export const abortiveClose = scenario([
  { host: 'client', steps: [
    { op: 'socket', type: 'stream', as: 's' },
    { op: 'setsockopt', sock: 's', name: 'SO_LINGER', value: 0 },
    { op: 'connect', sock: 's', to: 'server', port: 80 },
    { op: 'close', sock: 's', expect: 'ok' },
  ] },
]);

/** Non-blocking: connect in progress, recv with nothing there (EAGAIN), and a non-blocking listener. */
export const nonBlocking = scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'ls' },
    { op: 'setsockopt', sock: 'ls', name: 'O_NONBLOCK', value: true },
    { op: 'bind', sock: 'ls', port: 8080 },
    { op: 'listen', sock: 'ls', backlog: 16 },
    { op: 'accept', sock: 'ls', as: 'c' },
    { op: 'setsockopt', sock: 'c', name: 'O_NONBLOCK', value: 1 },
    { op: 'recv', sock: 'c', max: 100 },
    { op: 'send', sock: 'c', data: 'x' },
    { op: 'setsockopt', sock: 'c', name: 'O_NONBLOCK', value: false },
    { op: 'recv', sock: 'c', max: 100, until: 'eof' },
    { op: 'close', sock: 'c' },
  ] },
  { host: 'client', steps: [
    { op: 'socket', type: 'stream', as: 's' },
    { op: 'setsockopt', sock: 's', name: 'O_NONBLOCK', value: 1 },
    { op: 'connect', sock: 's', to: 'server', port: 8080 },
    { op: 'sleep', ms: 50 },
    { op: 'send', sock: 's', data: 'GET' },
    { op: 'recv', sock: 's', max: 10 },
    { op: 'close', sock: 's' },
  ] },
]);

/** Sleeps of every shape: whole seconds, fractions of a millisecond, seconds plus a fraction. */
export const sleeps = scenario([
  { host: 'client', steps: [
    { op: 'sleep', ms: 0 },
    { op: 'sleep', ms: 2000 },
    { op: 'sleep', ms: 0.5 },
    { op: 'sleep', ms: 1500 },
    { op: 'sleep', ms: 250 },
  ] },
]);

const OPTIONS = ['SO_REUSEADDR', 'SO_LINGER', 'SO_RCVBUF', 'SO_SNDBUF', 'TCP_NODELAY', 'SO_KEEPALIVE'];
const optionSteps = (sock: string, nonblocking: boolean) => [...OPTIONS, ...(nonblocking ? ['O_NONBLOCK'] : [])].flatMap((name) => [
  { op: 'setsockopt', sock, name, value: name.endsWith('BUF') ? 8192 : 1 },
  { op: 'setsockopt', sock, name, value: false },
]);

/** Every option, on and off, on listening, connected and UDP sockets: blocking ones (classic Java
 * classes) and ones that go non-blocking (NIO channels in Java). */
export const everyOption = scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'ls' },
    ...optionSteps('ls', false),
    { op: 'socket', type: 'stream', as: 'c' },
    ...optionSteps('c', false),
    { op: 'setsockopt', sock: 'c', name: 'SO_LINGER', value: 5 },
    { op: 'setsockopt', sock: 'c', name: 'SO_LINGER', value: true },
    { op: 'connect', sock: 'c', to: 'client', port: 1 },
    { op: 'socket', type: 'dgram', as: 'u' },
    ...optionSteps('u', false),
    { op: 'listen', sock: 'ls', backlog: 0 },
    { op: 'socket', type: 'stream', as: 'ls2' },
    ...optionSteps('ls2', true),
    { op: 'listen', sock: 'ls2', backlog: 3 },
    { op: 'socket', type: 'stream', as: 'c2' },
    ...optionSteps('c2', true),
    { op: 'setsockopt', sock: 'c2', name: 'SO_LINGER', value: 0 },
    { op: 'socket', type: 'dgram', as: 'u2' },
    ...optionSteps('u2', true),
    { op: 'close', sock: 'c2' },
  ] },
]);

/** Names that are keywords or clash with what the programs call, a socket from another thread,
 * a name reused for a new socket, and a step that uses a socket before this program creates it. */
export const awkwardNames = scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'int' },
    { op: 'bind', sock: 'int', port: 1234 },
    { op: 'listen', sock: 'int', backlog: 2 },
    { op: 'accept', sock: 'int', as: 'class' },
    { op: 'accept', sock: 'int', as: 'print' },
    { op: 'close', sock: 'class' },
    { op: 'accept', sock: 'int', as: 'class' },
    { op: 'send', sock: 'class', data: 'again' },
    { op: 'socket', type: 'stream', as: 'System' },
    { op: 'socket', type: 'dgram', as: 'linux' },
    { op: 'socket', type: 'dgram', as: 'net' },
    { op: 'socket', type: 'stream', as: 'SOCK' },
    { op: 'socket', type: 'stream', as: '_x' },
    { op: 'socket', type: 'stream', as: 'buf' },
    { op: 'socket', type: 'stream', as: 'data' },
    { op: 'close', sock: 'linux' },
    { op: 'close', sock: 'net' },
    { op: 'close', sock: 'SOCK' },
    { op: 'close', sock: '_x' },
    { op: 'close', sock: 'buf' },
    { op: 'close', sock: 'data' },
    { op: 'close', sock: 'System' },
  ] },
  { host: 'server', steps: [
    { op: 'recv', sock: 'print', max: 10 },
    { op: 'send', sock: 'print', data: 'from a worker thread' },
    { op: 'close', sock: 'print' },
    { op: 'socket', type: 'stream', as: 'print' },
  ] },
]);

/** Comments and data that try to break out of their literal or comment. */
export const hostileText = scenario([
  { host: 'client', steps: [
    { op: 'socket', type: 'stream', as: 's', comment: 'ends a C comment */ and starts one /* here' },
    { op: 'connect', sock: 's', to: 'server', port: 80, comment: 'line one\nline two\r\nx = 1; \u2028 y = 2;\u2029 z' },
    { op: 'send', sock: 's', data: '"""\'\'\' */ \\u000a \\\\u0022 \u2028\u2029 \u202E evil \u0000 ??/ ${x} `tick` 你好 😀' },
    { op: 'send', sock: 's', data: '\\', comment: 'ends in a backslash \\' },
    { op: 'send', sock: 's', data: '\ud800 lone surrogate', comment: '\\u000a System.exit(1); \\\\\\u000d' },
    { op: 'close', sock: 's', comment: { en: 'coding: latin-1', 'zh-CN': '关闭 ??/' } },
  ] },
]);

const clientOf = (port: number, data: string) => ({ host: 'client', steps: [
  { op: 'sleep', ms: 10 },
  { op: 'socket', type: 'stream', as: 's' },
  { op: 'connect', sock: 's', to: 'server', port },
  { op: 'send', sock: 's', data },
  { op: 'recv', sock: 's', max: 100 },
  { op: 'close', sock: 's' },
] });

/** A thread per connection: main accepts and hands each connection to a new thread (spawn). */
export const threadPerConnection = scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'ls' },
    { op: 'bind', sock: 'ls', port: 80 },
    { op: 'listen', sock: 'ls', backlog: 5 },
    { op: 'accept', sock: 'ls', as: 'c1' },
    { op: 'spawn', program: 1, expect: 'ok' },
    { op: 'accept', sock: 'ls', as: 'c2' },
    { op: 'spawn', program: 2 },
  ] },
  { host: 'server', name: 'handler', start: 'spawn', steps: [
    { op: 'recv', sock: 'c1', max: 100 }, { op: 'send', sock: 'c1', data: 'one' }, { op: 'close', sock: 'c1' }] },
  { host: 'server', start: 'spawn', steps: [
    { op: 'recv', sock: 'c2', max: 100 }, { op: 'send', sock: 'c2', data: 'two' }, { op: 'close', sock: 'c2' }] },
  clientOf(80, 'a'),
  clientOf(80, 'b'),
]);

/** A pool of threads blocking in accept() on one listener; one pool thread starts another, and a
 * thread creates a socket that main then closes. */
export const threadPool = scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'l' },
    { op: 'bind', sock: 'l', port: 8080 },
    { op: 'listen', sock: 'l', backlog: 8 },
    { op: 'spawn', program: 1 },
    { op: 'spawn', program: 2 },
    { op: 'sleep', ms: 1000 },
    { op: 'close', sock: 'extra' },
  ] },
  { host: 'server', start: 'spawn', steps: [
    { op: 'accept', sock: 'l', as: 'c1' }, { op: 'recv', sock: 'c1', max: 100 }, { op: 'send', sock: 'c1', data: 'pool 1' },
    { op: 'close', sock: 'c1' }, { op: 'spawn', program: 3 }] },
  { host: 'server', start: 'spawn', steps: [
    { op: 'accept', sock: 'l', as: 'c2' }, { op: 'poll', socks: ['c2'], timeout: 500 }, { op: 'recv', sock: 'c2', max: 100 },
    { op: 'send', sock: 'c2', data: 'pool 2' }, { op: 'close', sock: 'c2' }] },
  { host: 'server', start: 'spawn', steps: [{ op: 'socket', type: 'dgram', as: 'extra' }] },
  { host: 'server', start: 'spawn', steps: [] },
  { host: 'server', steps: [{ op: 'spawn', program: 4 }] },
  clientOf(8080, 'x'),
]);

/** One thread, an event loop: poll() on a non-blocking listener, connected sockets, a UDP socket
 * and a blocking socket, with and without a timeout. */
export const eventLoop = scenario([
  { host: 'server', steps: [
    { op: 'socket', type: 'stream', as: 'ls' },
    { op: 'setsockopt', sock: 'ls', name: 'O_NONBLOCK', value: 1 },
    { op: 'bind', sock: 'ls', port: 7 },
    { op: 'listen', sock: 'ls', backlog: 16 },
    { op: 'socket', type: 'dgram', as: 'u' },
    { op: 'bind', sock: 'u', port: 7 },
    { op: 'poll', socks: ['ls', 'u'] },
    { op: 'accept', sock: 'ls', as: 'c' },
    { op: 'setsockopt', sock: 'c', name: 'O_NONBLOCK', value: 1 },
    { op: 'poll', socks: ['ls', 'c', 'u'], timeout: 250 },
    { op: 'recv', sock: 'c', max: 100 },
    { op: 'send', sock: 'c', data: 'echo' },
    { op: 'poll', socks: ['c'], timeout: 0, expect: 'ok' },
    { op: 'recvfrom', sock: 'u', max: 100 },
    { op: 'poll', socks: ['c'], timeout: 1.5 },
    { op: 'close', sock: 'c' },
    { op: 'socket', type: 'stream', as: 'b' },
    { op: 'connect', sock: 'b', to: 'client', port: 9 },
    { op: 'poll', socks: ['b'] },
    { op: 'recv', sock: 'b', max: 10 },
  ] },
  clientOf(7, 'hello'),
]);

/** A raw ICMP socket reads the port unreachable that the UDP client's datagram provokes. */
export const rawIcmp = scenario([
  { host: 'client', steps: [
    { op: 'socket', type: 'dgram', as: 'u' },
    { op: 'sendto', sock: 'u', to: 'server', port: 9999, data: 'ping' },
  ] },
  { host: 'client', name: 'sniffer', steps: [
    { op: 'socket', type: 'raw', as: 'r', comment: { en: 'a raw ICMP socket', 'zh-CN': '原始 ICMP 套接字' } },
    { op: 'recvfrom', sock: 'r', max: 1500 },
    { op: 'close', sock: 'r' },
  ] },
  { host: 'client', name: 'poller', steps: [
    { op: 'socket', type: 'raw', as: 'p' },
    { op: 'setsockopt', sock: 'p', name: 'O_NONBLOCK', value: 1 },
    { op: 'poll', socks: ['p'], timeout: 100 },
    { op: 'recvfrom', sock: 'p', max: 1500 },
  ] },
]);

export const ALL: Record<string, Scenario> = {
  tcpEcho, udpEcho, udpConnected, halfClose, abortiveClose, nonBlocking, sleeps, everyOption, awkwardNames, hostileText,
  threadPerConnection, threadPool, eventLoop, rawIcmp,
};
