// Geometry of the sequence diagram, computed once per run and width: one band per host, one
// lifeline per socket for the whole run (so nothing moves while stepping), one row per step.
import type { Timeline, SocketInfo } from '../../timeline';

export interface Lane {
  /** Socket id, or -1 - hostIndex for a host's kernel lane (packets no socket owns). */
  key: number;
  host: string;
  x: number;
  /** +1 if this host's lanes are laid out to the right of the innermost one, -1 to the left. */
  outward: 1 | -1;
  /** Side of the lifeline its notes are written on: the side with room to spare. */
  labelSide: 1 | -1;
  socket?: SocketInfo;
  /** First and last step the lifeline spans (last = Infinity while open at the end of the run). */
  fromStep: number;
  toStep: number;
}

export interface HostBand { host: string; ip?: string; x0: number; x1: number; center: number }

export interface DiagramLayout {
  width: number;
  gutter: number;
  row: number;
  top: number;
  hosts: HostBand[];
  lanes: Map<number, Lane>;
  /** Lane of a flight endpoint (socket id or -1 for the host itself). */
  laneFor(sock: number, host: string): Lane;
  y(step: number): number;
  height: number;
}

/** Below this many px per lane on average, the diagram counts as crowded. */
const CROWDED_LANE_W = 72;
/** Lanes of a crowded host stay at least this far apart when the band allows ("SYN-RECV", ":47242"). */
const MIN_CROWDED_SPACING = 48;

export const kernelKey = (hostIndex: number) => -1 - hostIndex;

export function hostOrder(tl: Timeline, scenarioHosts?: readonly string[]): string[] {
  const seen: string[] = [];
  const add = (h: string) => { if (!seen.includes(h)) seen.push(h); };
  scenarioHosts?.forEach(add);
  for (const r of tl.trace) if ('host' in r && typeof r.host === 'string') add(r.host);
  for (const f of tl.flights) { add(f.fromHost); add(f.toHost); }
  return seen;
}

export function layoutDiagram(
  tl: Timeline, width: number, opts: { row: number; hosts?: readonly string[]; ips?: Record<string, string> },
): DiagramLayout {
  const gutter = 64;
  const top = 24;
  /** Room kept beside the outermost lifelines for notes such as "connect() SYN_SENT". */
  const labelRoom = Math.min(150, Math.max(80, width * 0.19));
  const hosts = hostOrder(tl, opts.hosts);
  // A host's kernel lane carries the packets no socket owns (the RST that refuses a connection,
  // an ICMP error sent or received); it is drawn from the step the first of them leaves.
  const kernelFrom = new Map<string, number>();
  for (const f of tl.flights) {
    for (const [sock, host] of [[f.fromSock, f.fromHost], [f.toSock, f.toHost]] as const) {
      if (sock < 0 && !kernelFrom.has(host)) kernelFrom.set(host, f.sendStep);
    }
  }
  const usedKernel = new Set(kernelFrom.keys());
  const laneCount = (host: string) => {
    const n = tl.sockets.filter((s) => s.host === host).length;
    return n + (usedKernel.has(host) || n === 0 ? 1 : 0);
  };
  const usable = Math.max(240, width - gutter - 16);
  // A host with more sockets gets a wider band. When lanes are many for the width (a server with
  // many connections, a capture with many endpoints), bands hug their lanes more tightly, so the
  // crowded host's lanes keep enough room between them for their heads.
  const laneTotal = hosts.reduce((n, h) => n + laneCount(h), 0);
  const crowded = laneTotal * CROWDED_LANE_W > usable;
  const weights = hosts.map((h) => laneCount(h) + (crowded ? 0.5 : 1));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let acc = gutter;
  const bands: HostBand[] = hosts.map((host, i) => {
    const w = (usable * weights[i]) / total;
    const x0 = acc;
    acc += w;
    return { host, ip: opts.ips?.[host], x0, x1: x0 + w, center: x0 + w / 2 };
  });

  const endStep = new Map<number, number>();
  const startStep = new Map<number, number>();
  for (const st of tl.steps) {
    for (let i = st.first; i <= st.last; i++) {
      const s = tl.recSock[i];
      if (s < 0) continue;
      if (!startStep.has(s)) startStep.set(s, st.index);
      const r = tl.trace[i];
      if (r.type === 'state') endStep.set(s, r.to === 'CLOSED' ? st.index : Infinity);
      if (r.type === 'return' && r.op === 'close' && tl.sockets[s].proto !== 'tcp') endStep.set(s, st.index);
    }
  }
  for (const f of tl.flights) {
    for (const s of [f.fromSock, f.toSock]) if (s >= 0 && !startStep.has(s)) startStep.set(s, f.sendStep);
  }

  const lanes = new Map<number, Lane>();
  bands.forEach((band, hi) => {
    // Listeners nearest the traffic, then the other sockets outward in creation order.
    const socks = tl.sockets.filter((s) => s.host === band.host)
      .sort((a, b) => Number(b.listener) - Number(a.listener) || a.id - b.id);
    const inward: 1 | -1 = hosts.length === 1 ? 1 : hi === hosts.length - 1 ? -1 : 1;
    const outward = (-inward) as 1 | -1;
    const n = laneCount(band.host);
    const bandW = band.x1 - band.x0;
    const minX = gutter + labelRoom;
    const maxX = width - 12 - labelRoom;
    const edge = hosts.length > 1 && (hi === 0 || hi === hosts.length - 1);
    // Lanes of an edge band are packed against the diagram's edge (leaving room for notes), so
    // the traffic between the hosts gets the widest possible gap; other bands are centred.
    const room = edge ? bandW - labelRoom - 24 : bandW - 40;
    let spacing = n > 1 ? Math.max(crowded ? MIN_CROWDED_SPACING : 40, Math.min(124, room / (n - 1))) : 0;
    let innerX: number;
    if (edge && hi === 0) innerX = minX + spacing * (n - 1);
    else if (edge) innerX = maxX - spacing * (n - 1);
    else innerX = band.center + inward * spacing * ((n - 1) / 2);
    // Never past the band's inner part: the middle of the diagram belongs to the packets.
    const inner = crowded ? 0.8 : 0.75;
    if (edge && hi === 0) innerX = Math.min(innerX, band.x0 + bandW * inner);
    if (edge && hi !== 0) innerX = Math.max(innerX, band.x0 + bandW * (1 - inner));
    // …and never out of the drawing, even if that means lanes closer together.
    if (edge && n > 1 && hi === 0) spacing = Math.min(spacing, (innerX - gutter - 18) / (n - 1));
    if (edge && n > 1 && hi !== 0) spacing = Math.min(spacing, (width - 18 - innerX) / (n - 1));
    // With several lanes, the innermost one writes towards the traffic (its neighbours take the outside).
    const sideOf = (k: number): 1 | -1 => (n > 1 && k === 0 ? inward : outward);
    socks.forEach((s, k) => {
      lanes.set(s.id, {
        key: s.id, host: band.host, x: innerX + outward * spacing * k, outward, labelSide: sideOf(k), socket: s,
        fromStep: startStep.get(s.id) ?? 0, toStep: endStep.get(s.id) ?? Infinity,
      });
    });
    if (n > socks.length) {
      lanes.set(kernelKey(hi), {
        key: kernelKey(hi), host: band.host, x: innerX + outward * spacing * socks.length, outward, labelSide: outward,
        fromStep: kernelFrom.get(band.host) ?? Infinity, toStep: Infinity,
      });
    }
  });
  const row = opts.row;
  const y = (step: number) => top + step * row + row / 2;
  const laneFor = (sock: number, host: string) => {
    const l = sock >= 0 ? lanes.get(sock) : undefined;
    if (l) return l;
    const hi = Math.max(0, hosts.indexOf(host));
    return lanes.get(kernelKey(hi)) ?? [...lanes.values()].find((x) => x.host === host) ?? {
      key: kernelKey(hi), host, x: bands[hi]?.center ?? gutter, outward: 1, labelSide: 1, fromStep: 0, toStep: Infinity,
    };
  };
  return { width, gutter, row, top, hosts: bands, lanes, laneFor, y, height: top + tl.length * row + row };
}
