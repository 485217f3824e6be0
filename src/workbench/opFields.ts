// The socket API as the workbench offers it: for each operation, the fields a step of it has, what
// kind of value each takes, and a sensible default — so that people who do not write JSON can
// build programs from menus and short fields.
import type { StepOp } from '../scenarios/schema';

export type FieldKind =
  | 'sock'      // a socket name this host knows
  | 'name'      // a new socket name (as)
  | 'int'       // integer
  | 'number'    // milliseconds, may have a fraction
  | 'port'
  | 'target'    // host name or IPv4 address
  | 'ip'        // IPv4 address
  | 'data'      // text, or N filler bytes
  | 'enum'
  | 'optvalue'  // setsockopt value: a number or on/off
  | 'socks';    // several socket names

export interface FieldSpec {
  key: string;
  kind: FieldKind;
  optional?: boolean;
  options?: readonly string[];
  /** Default text for a new step. */
  initial?: string;
}

export const SOCKOPTS = ['SO_REUSEADDR', 'SO_LINGER', 'SO_RCVBUF', 'SO_SNDBUF', 'TCP_NODELAY', 'O_NONBLOCK', 'SO_KEEPALIVE'] as const;

const sock: FieldSpec = { key: 'sock', kind: 'sock' };
const port: FieldSpec = { key: 'port', kind: 'port', initial: '7' };
const data: FieldSpec = { key: 'data', kind: 'data', initial: 'hello' };

/** In the order of the call flow: what a server and a client call, then the rest. */
export const OPS: readonly StepOp[] = [
  'socket', 'bind', 'listen', 'accept', 'connect', 'send', 'recv', 'sendto', 'recvfrom', 'shutdown', 'close',
  'setsockopt', 'sleep', 'poll', 'spawn',
];

export const OP_FIELDS: Record<StepOp, readonly FieldSpec[]> = {
  socket: [{ key: 'type', kind: 'enum', options: ['stream', 'dgram', 'raw'], initial: 'stream' }, { key: 'as', kind: 'name', initial: 's' }],
  bind: [sock, port, { key: 'ip', kind: 'ip', optional: true }],
  listen: [sock, { key: 'backlog', kind: 'int', initial: '5' }],
  accept: [sock, { key: 'as', kind: 'name', initial: 'conn' }],
  connect: [sock, { key: 'to', kind: 'target', initial: 'server' }, port],
  send: [sock, data],
  recv: [sock, { key: 'max', kind: 'int', initial: '1024' }, { key: 'until', kind: 'enum', options: ['', 'eof'], optional: true, initial: '' }],
  sendto: [sock, { key: 'to', kind: 'target', initial: 'server' }, port, data],
  recvfrom: [sock, { key: 'max', kind: 'int', initial: '1024' }],
  shutdown: [sock, { key: 'how', kind: 'enum', options: ['wr', 'rd', 'rdwr'], initial: 'wr' }],
  close: [sock],
  setsockopt: [sock, { key: 'name', kind: 'enum', options: SOCKOPTS, initial: 'SO_REUSEADDR' }, { key: 'value', kind: 'optvalue', initial: '1' }],
  sleep: [{ key: 'ms', kind: 'number', initial: '100' }],
  spawn: [{ key: 'program', kind: 'int', initial: '1' }],
  poll: [{ key: 'socks', kind: 'socks', initial: '' }, { key: 'timeout', kind: 'number', optional: true, initial: '' }],
};

/** Fields every step has besides its operation's. */
export const COMMON_FIELDS: readonly FieldSpec[] = [{ key: 'expect', kind: 'enum', options: ['', 'ok'], optional: true, initial: '' }];
