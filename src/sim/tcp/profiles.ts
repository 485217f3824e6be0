// TCP defaults per profile. Where Linux and the RFCs differ, `profile` picks one and every
// difference stays an overridable option (shared/spec/scenario-and-trace.md, "Profiles").
import type { TcpOptionsInput } from '../../scenarios/schema';

export type Profile = 'linux' | 'rfc';

export interface TcpOptions {
  profile: Profile;
  /** Our MSS (announced in the SYN); the effective send MSS is min(this, peer's, MTU − 40). */
  mss: number;
  rcvbuf: number;
  sndbuf: number;
  /** RFC 6298 §2.1: initial RTO (1 s). */
  rtoInitial: number;
  /** RFC 6298 §2.4 says 1 s; Linux uses 200 ms (TCP_RTO_MIN). */
  rtoMin: number;
  rtoMax: number;
  /** Where rtoMin applies: RFC 6298 §2.4 floors the whole RTO; Linux floors the variance term (RTO = SRTT + max(4·RTTVAR, rtoMin)). */
  rtoFloor: 'rto' | 'variance';
  /** SYN retransmissions before connect() fails with ETIMEDOUT (Linux tcp_syn_retries = 6). */
  synRetries: number;
  /** SYN-ACK retransmissions before a half-open child is dropped (Linux tcp_synack_retries = 5). */
  synAckRetries: number;
  /** Data retransmissions before the connection is aborted with ETIMEDOUT (tcp_retries2 = 15). */
  retries: number;
  /** Maximum segment lifetime; TIME_WAIT lasts 2·msl. */
  msl: number;
  nagle: boolean;
  /** Which Nagle: RFC 896 / RFC 9293 §3.7.4 holds a small segment while anything is unacknowledged;
   *  Linux (Minshall's variant, tcp_nagle_check) only while an earlier small segment is. */
  nagleVariant: 'rfc896' | 'minshall';
  delayedAck: boolean;
  /** Delayed-ACK timeout: Linux 40 ms (TCP_DELACK_MIN); RFC 9293 §3.8.6.3 allows up to 500 ms, 200 ms is usual. */
  delayedAckMs: number;
  /** Linux's delayed-ACK refinements: "quick ACK" mode acknowledges the first data segments at
   *  once, and "ping-pong" (interactive) mode delays ACKs while the application answers quickly. */
  quickAck: boolean;
  initialCwnd: number;
  congestion: 'reno' | 'newreno';
  /** Our window-scale shift: 'auto' = the smallest shift that lets rcvbuf fit 16 bits (RFC 7323); Linux uses 7. */
  windowScale: 'auto' | number;
  /** Zero-window probe: RFC 9293 §3.8.6.1 sends 1 byte of new data; Linux an empty ACK with seq = SND.UNA − 1. */
  zeroWindowProbe: 'data' | 'ack';
  /** Accept-queue capacity for listen(n): n (RFC/BSD reading) or n + 1 (Linux sk_acceptq_is_full). */
  acceptQueue: 'n' | 'n+1';
  /** Half-open connections a listener keeps: Linux answers beyond its SYN queue with SYN cookies,
   *  so a large tcp_max_syn_backlog models it; classic BSD/RFC readings bound it by the backlog. */
  synQueue: 'backlog' | number;
  /** SYN or final ACK arriving at a full accept queue: dropped silently, or answered with RST (tcp_abort_on_overflow). */
  synOverflow: 'drop' | 'rst';
  /** Orphaned FIN_WAIT_2 lifetime (Linux tcp_fin_timeout 60 s); null = no timer (RFC). */
  finTimeout: number | null;
  /** ICMP unreachable during SYN_SENT: RFC 1122 §4.2.3.9 soft error, or Linux abort. */
  icmpInSynSent: 'soft' | 'abort';
  /** UDP ICMP errors delivered to every socket (RFC 1122) or only to connected ones (Linux). */
  udpIcmpErrors: 'all' | 'connected';
  /** SYN retransmissions at a linear 1 s before doubling (Linux tcp_syn_linear_timeouts = 4). */
  synLinearTimeouts: number;
  /** RFC 5961 challenge ACKs for in-window RST/SYN (Linux: on). */
  rfc5961: boolean;
  /** Which old segments still have their ACK field processed: 'rfc' none (RFC 9293 §3.10.7.4
   *  drops every unacceptable segment); 'last' one ending exactly at RCV.NXT, e.g. the peer's
   *  retransmitted FIN (Linux tcp_sequence accepts end_seq ≥ rcv_wup). */
  oldSegmentAck: 'rfc' | 'last';
}

const common = {
  mss: 1460,
  rcvbuf: 65535,
  sndbuf: 65535,
  rtoInitial: 1000,
  rtoMax: 120_000,
  synRetries: 6,
  synAckRetries: 5,
  retries: 15,
  nagle: true,
  delayedAck: false,
  initialCwnd: 10,
  congestion: 'newreno' as const,
  rfc5961: true,
};

export const PROFILES: Record<Profile, TcpOptions> = {
  linux: {
    ...common,
    profile: 'linux',
    rtoMin: 200,
    rtoFloor: 'variance',
    msl: 30_000,
    delayedAckMs: 40,
    quickAck: true,
    windowScale: 7,
    zeroWindowProbe: 'ack',
    nagleVariant: 'minshall',
    oldSegmentAck: 'last',
    acceptQueue: 'n+1',
    synQueue: 256,
    synOverflow: 'drop',
    finTimeout: 60_000,
    icmpInSynSent: 'abort',
    udpIcmpErrors: 'connected',
    synLinearTimeouts: 4,
  },
  rfc: {
    ...common,
    profile: 'rfc',
    rtoMin: 1000,
    rtoFloor: 'rto',
    msl: 120_000,
    delayedAckMs: 200,
    quickAck: false,
    windowScale: 'auto',
    zeroWindowProbe: 'data',
    nagleVariant: 'rfc896',
    oldSegmentAck: 'rfc',
    acceptQueue: 'n',
    synQueue: 'backlog',
    synOverflow: 'drop',
    finTimeout: null,
    icmpInSynSent: 'soft',
    udpIcmpErrors: 'all',
    synLinearTimeouts: 0,
  },
};

/** The options that differ between the profiles, for the UI's comparison table. */
export const PROFILE_DIFFERENCES: ReadonlyArray<keyof TcpOptions> = (Object.keys(PROFILES.linux) as Array<keyof TcpOptions>)
  .filter((k) => k !== 'profile' && PROFILES.linux[k] !== PROFILES.rfc[k]);

/** Profile defaults, then scenario-wide overrides, then per-host overrides. */
export function resolveTcpOptions(...layers: Array<TcpOptionsInput | undefined>): TcpOptions {
  let profile: Profile = 'linux';
  for (const l of layers) if (l?.profile) profile = l.profile;
  const out: TcpOptions = { ...PROFILES[profile] };
  for (const l of layers) {
    if (!l) continue;
    for (const [k, v] of Object.entries(l)) {
      if (v !== undefined && k !== 'profile') (out as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
