// The page's real sockets as the Real panel lists them: what each is (client, listener, accepted
// connection), its addresses, its kernel state, whether either side closed, what it sent and the
// last bytes it received. Fed by the controller's own operations and by the bridge's events.
import { base64ToBytes } from '../bridge/bytes';
import type { ServerMessage } from '../bridge/protocol';
import { REAL_TAIL_BYTES, type RealError, type RealSocket } from '../store/realTypes';
import type { TcpState } from '../sim/trace/records';

export type SocketPatch = Partial<Omit<RealSocket, 'fd'>>;

export class SocketBook {
  private readonly socks = new Map<number, RealSocket>();
  private changed = false;

  add(fd: number, role: RealSocket['role'], patch: SocketPatch = {}): void {
    this.socks.set(fd, { fd, role, phase: 'opening', wrShut: false, peerEof: false, sent: 0, received: 0, tail: new Uint8Array(0), ...patch });
    this.changed = true;
  }

  get(fd: number): RealSocket | undefined { return this.socks.get(fd); }

  update(fd: number, patch: SocketPatch): void {
    const s = this.socks.get(fd);
    if (!s) return;
    this.socks.set(fd, { ...s, ...patch });
    this.changed = true;
  }

  fail(fd: number, error: RealError): void { this.update(fd, { error }); }

  /** Applies a bridge event; true if a socket changed. */
  onEvent(m: ServerMessage): void {
    switch (m.ev) {
      case 'data': {
        const s = this.socks.get(m.sock);
        if (!s) return;
        const bytes = base64ToBytes(m.data);
        const joined = new Uint8Array(Math.min(REAL_TAIL_BYTES, s.tail.length + bytes.length));
        const keepOld = Math.max(0, joined.length - bytes.length);
        joined.set(s.tail.subarray(s.tail.length - keepOld), 0);
        joined.set(bytes.subarray(Math.max(0, bytes.length - joined.length)), keepOld);
        this.update(m.sock, { received: s.received + bytes.length, tail: joined });
        return;
      }
      case 'eof': this.update(m.sock, { peerEof: true }); return;
      case 'error': this.update(m.sock, { reset: m.code, error: { code: m.code, syscall: m.syscall } }); return;
      case 'state': if (m.side === 'local') this.update(m.sock, { state: m.to as TcpState }); return;
      default:
    }
  }

  /** The bridge is gone: nothing can be done with these sockets any more. */
  endAll(): void {
    for (const s of this.socks.values()) if (s.phase !== 'closed') this.update(s.fd, { phase: 'closed' });
  }

  clear(): void { this.socks.clear(); this.changed = true; }

  /** A new array when something changed since the last call, else null. */
  takeList(): RealSocket[] | null {
    if (!this.changed) return null;
    this.changed = false;
    return [...this.socks.values()];
  }
}
