// What a session knows about each socket the page created, and the services the socket
// operations need from the session and the bridge. Kept apart so streamOps/dgramOps depend on
// an interface, not on the session class.
import type { Socket as DgramSocket } from 'node:dgram';
import type { Server, Socket } from 'node:net';
import type { Ip } from './addresses';
import type { Logger } from './log';
import type { ClientMessage, ServerMessage } from './protocol';
import type { OwnEndpoint, TargetPolicy } from './targetPolicy';
import type { KernelStates } from './kernelStates';
import type { CaptureManager } from './capture';

export interface BridgeLimits {
  maxSessions: number;
  maxSockets: number;
  maxListeners: number;
  /** Accepted by the kernel but not yet claimed by the page's `accept`, per listener. */
  maxUnclaimed: number;
  connectsPerSecond: number;
  maxBacklog: number;
  /** Stop reading TCP sockets while the WebSocket has this many bytes queued… */
  wsHighWater: number;
  /** …and resume below this. */
  wsLowWater: number;
  /** A page that lets this much pile up without reading is cut off. */
  wsHardLimit: number;
  /** Refuse `send` with EAGAIN while a socket has this many bytes not yet handed to the kernel. */
  writeHighWater: number;
  /** A socket the page closed gets this long to flush its queued bytes (a peer that does not
   * read never takes them); then it is reset. Until then it counts toward maxSockets. */
  closeLingerMs: number;
  /** Connections followed in /proc/net/tcp per session (closed ones count until they leave the table, ≤ 70 s). */
  maxTracked: number;
}

export const DEFAULT_LIMITS: BridgeLimits = {
  maxSessions: 4,
  maxSockets: 64,
  maxListeners: 4,
  maxUnclaimed: 16,
  connectsPerSecond: 10,
  maxBacklog: 64,
  wsHighWater: 1 << 20,
  wsLowWater: 256 << 10,
  wsHardLimit: 16 << 20,
  writeHighWater: 1 << 20,
  closeLingerMs: 30_000,
  maxTracked: 128,
};

export type ReadMode = 'auto' | 'manual';

export interface StreamEntry {
  kind: 'stream';
  id: number;
  read: ReadMode;
  phase: 'fresh' | 'bound' | 'connecting' | 'connected' | 'listening';
  bindIp?: Ip;
  bindPort?: number;
  socket?: Socket;
  server?: Server;
  listenPort?: number;
  local?: string;
  remote?: string;
  wrShut: boolean;
  rdShut: boolean;
  eof: boolean;
  eofReported: boolean;
  wantDrain: boolean;
  pendingConnect?: number;
  pendingRecv?: { req: number; max: number };
  pendingAccept?: { req: number; read: ReadMode };
  unclaimed: Socket[];
  stopCapture?: () => void;
}

export interface DgramEntry {
  kind: 'dgram';
  id: number;
  socket?: DgramSocket;
  local?: string;
  localIp?: Ip;
  localPort?: number;
  /** Bound to a wildcard by an implicit bind: only peers we sent to are heard. */
  filterPeers: boolean;
  peers: Set<string>;
  /** Peers that sent to this socket: the page may answer them, as a UDP server does. */
  heard: OwnEndpoint[];
}

export type Entry = StreamEntry | DgramEntry;

export type Distribute<T> = T extends unknown ? Omit<T, 't'> : never;
export type Outgoing = Distribute<ServerMessage>;

/** What socket operations may use. */
export interface SessionApi {
  readonly id: number;
  readonly limits: BridgeLimits;
  readonly classroom: boolean;
  readonly policy: TargetPolicy;
  readonly log: Logger;
  readonly kernel: KernelStates | null;
  readonly capture: CaptureManager | null;
  /** Sends an event, stamped with the bridge clock (or `t`, for events the kernel timed). */
  emit(msg: Outgoing, t?: number): void;
  ok(req: number, result: number, extra?: { local?: string; remote?: string; data?: string; backlog?: number }): void;
  fail(req: number | null, code: string, syscall: string, reason?: string): void;
  /** True while the WebSocket is too full to take more peer bytes. */
  congested(): boolean;
  get(id: number): Entry | undefined;
  /** Allocates a new id (never reused) for `entry`, or null when the socket cap is reached. */
  add(make: (id: number) => Entry): Entry | null;
  remove(id: number): void;
  /** Keeps a socket the page closed (already removed from the table) until it has flushed and
   * closed, resetting it after `closeLingerMs` or when the session ends. */
  linger(socket: Socket): void;
  count(kind?: 'listeners'): number;
  /** Consumes one connect token; false when the per-second cap is reached. */
  takeConnectToken(): boolean;
  ownEndpoints(proto: 'tcp' | 'udp'): OwnEndpoint[];
  /** Follows a connection's kernel state until it disappears (or the session ends). When
   * `socket` closes, the connection is followed only until it leaves the table, for a bounded time. */
  track(sock: number, local: string, remote: string, socket?: Socket): void;
  closed(): boolean;
}

export type OpHandler<M extends ClientMessage = ClientMessage> = (s: SessionApi, msg: M) => void | Promise<void>;
