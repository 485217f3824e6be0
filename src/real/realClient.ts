// The part of the bridge client Real mode uses, so component tests can hand the controller a
// client wired to an in-memory fake bridge, and the app can load the real one lazily (it brings
// zod and the protocol schemas, which the simulator stage does not need at start-up).
import type { TraceRecord } from '../sim/trace/records';
import type { ServerEvent, ServerMessage } from '../bridge/protocol';
import type { BridgeParams } from '../bridge/bridgeParams';

export interface RealClient {
  /** Everything recorded so far, in time order (the client keeps it sorted in place). */
  readonly trace: TraceRecord[];
  readonly hello: ServerEvent<'hello'>;
  on(type: 'record', cb: (r: TraceRecord) => void): () => void;
  on(type: 'event', cb: (m: ServerMessage) => void): () => void;
  on(type: 'close', cb: (code: number) => void): () => void;
  socket(type: 'stream' | 'dgram'): Promise<number>;
  bind(sock: number, port: number, ip?: string): Promise<string | undefined>;
  listen(sock: number, backlog?: number): Promise<{ local: string; backlog: number }>;
  accept(sock: number): Promise<{ sock: number; local: string; remote: string }>;
  connect(sock: number, host: string, port: number): Promise<{ local: string; remote: string }>;
  send(sock: number, data: string | Uint8Array): Promise<number>;
  shutdown(sock: number, how?: 'rd' | 'wr' | 'rdwr'): Promise<void>;
  close(sock: number): Promise<void>;
  abort(sock: number): Promise<void>;
  disconnect(): void;
}

export type RealClientFactory = (params: BridgeParams) => Promise<RealClient>;

/** The browser's client: a WebSocket to the bridge, loaded when a bridge is configured. */
export const browserClientFactory: RealClientFactory = async (params) => {
  const { BridgeClient } = await import('../bridge/client');
  return BridgeClient.connect({ url: params.url, secret: params.secret });
};

/** An errno-style failure from the bridge (BridgeError) or anything else that went wrong. */
export function errorInfo(e: unknown, syscall: string): { code: string; syscall: string; reason?: string } {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    const b = e as { code: string; syscall?: unknown; reason?: unknown };
    return { code: b.code, syscall: typeof b.syscall === 'string' ? b.syscall : syscall, ...(typeof b.reason === 'string' ? { reason: b.reason } : {}) };
  }
  return { code: 'EIO', syscall, reason: e instanceof Error ? e.message.slice(0, 200) : undefined };
}
