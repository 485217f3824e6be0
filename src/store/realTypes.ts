// Real mode's part of the store: whether the Real panel is open, how the bridge is doing, the
// page's real sockets as the panel shows them, and the recordings made so far. The bridge client
// itself lives in the controller (src/real/realController.ts), reached through `realApi`.
import type { TcpState } from '../sim/trace/records';

/**
 * absent: this tab was not handed a bridge (no `#bridge=…` in the URL it was opened with);
 * connecting; ready; unreachable: it did not answer or refused this page (e.g. restarted, so its
 * key changed); lost: it was connected and the connection ended.
 */
export type BridgeState = 'absent' | 'connecting' | 'ready' | 'unreachable' | 'lost';

export interface BridgeInfo {
  state: BridgeState;
  /** The bridge's WebSocket URL (never the secret). */
  url?: string;
  capture?: boolean;
  kernelStates?: boolean;
  classroom?: boolean;
  /** host:port targets the user allowed on the bridge's command line. */
  allow?: string[];
  /** WebSocket close code when the connection ended. */
  closeCode?: number;
}

export interface RealError { code: string; syscall: string; reason?: string }

export interface RealSocket {
  fd: number;
  role: 'client' | 'listener' | 'accepted';
  phase: 'opening' | 'open' | 'listening' | 'closed';
  local?: string;
  remote?: string;
  /** Latest kernel state (from /proc/net/tcp). */
  state?: TcpState;
  /** We sent FIN (shutdown or close). */
  wrShut: boolean;
  /** The peer's FIN arrived (read returned 0). */
  peerEof: boolean;
  /** The connection was reset or failed asynchronously (errno). */
  reset?: string;
  sent: number;
  received: number;
  /** The last bytes received (at most REAL_TAIL_BYTES), shown as text or hex, never as markup. */
  tail: Uint8Array;
  /** Listener: connections accepted so far. */
  accepted?: number;
  /** The last operation on this socket that failed. */
  error?: RealError;
}

export interface RealRecordingInfo { id: number; title: string; records: number; live: boolean; shown: boolean }

/** What the Real panel may ask of the controller. Every method reports failures itself. */
export interface RealApi {
  /** Try the bridge again (after it was unreachable or lost): starts a new recording. */
  reconnect(): void;
  connect(host: string, port: number): Promise<void>;
  listen(port: number, lan: boolean): Promise<void>;
  send(fd: number, data: Uint8Array): Promise<void>;
  shutdown(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  abort(fd: number): Promise<void>;
  /** Put recording `id` on the stage. */
  show(id: number): void;
}

export interface RealSlice {
  realOpen: boolean;
  bridge: BridgeInfo;
  realSockets: RealSocket[];
  realRecordings: RealRecordingInfo[];
  realApi: RealApi | null;
  setRealOpen(open: boolean): void;
  setBridge(b: BridgeInfo): void;
  setRealSockets(list: RealSocket[]): void;
  setRealRecordings(list: RealRecordingInfo[]): void;
  attachReal(api: RealApi | null): void;
}

export const REAL_TAIL_BYTES = 4096;
