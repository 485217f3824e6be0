// The selected packet's headers (IPv4, TCP/UDP/ICMP), flags, options and payload as text and hex,
// straight from the simulator's packet object.
import { useAppStore } from '../../store/StoreProvider';
import { selectPackets, selectSelected, selectTimeline, selectNumbers } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { flagNames, tcpHeaderLength, ipLength, type Packet, type TcpOption } from '../../sim/net/packet';
import type { PacketRecord } from '../../timeline';
import { packetLabel, packetTone } from '../stage/packetLabel';
import { HexView } from './HexView';

function optionText(o: TcpOption): string {
  switch (o.kind) {
    case 'mss': return `MSS=${o.value}`;
    case 'wscale': return `WS=${o.shift} (×${2 ** o.shift})`;
    case 'sackPermitted': return 'SACK_PERM';
    case 'timestamps': return `TSval=${o.value} TSecr=${o.echo}`;
    case 'nop': return 'NOP';
  }
}

function Rows({ rows }: { rows: Array<[string, string | number]> }) {
  return (
    <table className="fields">
      <tbody>
        {rows.map(([k, v]) => <tr key={k}><th scope="row">{k}</th><td>{v}</td></tr>)}
      </tbody>
    </table>
  );
}

export function InspectorPanel() {
  const t = useT();
  const selected = useAppStore(selectSelected);
  const tl = useAppStore(selectTimeline);
  const packets = useAppStore(selectPackets);
  const numbers = useAppStore(selectNumbers);
  if (selected === null || !tl || !tl.flights[selected]) return <p className="muted">{t('inspector.empty')}</p>;
  const f = tl.flights[selected];
  const rec = tl.trace[f.sendRec] as PacketRecord;
  const p: Packet | undefined = packets?.get(f.id);
  if (!p) return <p className="muted">{t('inspector.notInRun')}</p>;
  const payload = p.tcp?.payload ?? p.udp?.payload ?? new Uint8Array();
  const text = new TextDecoder('utf-8', { fatal: false }).decode(payload);
  return (
    <div className="inspector" data-testid="inspector">
      <p className={`inspector-title tone-${packetTone(rec)}`}>
        <span className="tone-dot" aria-hidden="true" />
        <code>{packetLabel(rec, { numbers, showWin: true })}</code>
      </p>
      <h3>{t('inspector.ipv4')}</h3>
      <Rows rows={[
        ['Version', 4], ['IHL', '20 B'], ['Total length', `${ipLength(p)} B`], ['Identification', `0x${p.ipId.toString(16).padStart(4, '0')}`],
        ['DF', p.df ? '1' : '0'], ['TTL', p.ttl], ['Protocol', p.proto === 'tcp' ? '6 (TCP)' : p.proto === 'udp' ? '17 (UDP)' : '1 (ICMP)'],
        ['Source', p.src], ['Destination', p.dst],
      ]} />
      {p.tcp && (
        <>
          <h3>{t('inspector.tcp')}</h3>
          <Rows rows={[
            ['Source port', p.tcp.srcPort], ['Destination port', p.tcp.dstPort],
            ['Sequence number', rec.type === 'segment' ? `${p.tcp.seq} (rel ${rec.rseq})` : p.tcp.seq],
            ['Acknowledgment', rec.type === 'segment' ? `${p.tcp.ack} (rel ${rec.rack})` : p.tcp.ack],
            ['Header length', `${tcpHeaderLength(p.tcp)} B`],
            [t('inspector.flags'), `0x${p.tcp.flags.toString(16).padStart(3, '0')} [${flagNames(p.tcp.flags).join(', ')}]`],
            ['Window', rec.type === 'segment' && rec.win !== p.tcp.window ? `${p.tcp.window} (scaled ${rec.win})` : p.tcp.window],
            ['Urgent pointer', p.tcp.urgent],
            [t('inspector.options'), p.tcp.options.filter((o) => o.kind !== 'nop').map(optionText).join(', ') || '—'],
          ]} />
        </>
      )}
      {p.udp && (
        <>
          <h3>{t('inspector.udp')}</h3>
          <Rows rows={[['Source port', p.udp.srcPort], ['Destination port', p.udp.dstPort], ['Length', `${8 + p.udp.payload.length} B`]]} />
        </>
      )}
      {p.icmp && (
        <>
          <h3>{t('inspector.icmp')}</h3>
          <Rows rows={[['Type', p.icmp.type], ['Code', p.icmp.code], ['Original', `${p.icmp.original.src} → ${p.icmp.original.dst}`]]} />
        </>
      )}
      <h3>{payload.length ? t('inspector.payload', { n: payload.length }) : t('inspector.payload.none')}</h3>
      {payload.length > 0 && (
        <>
          <p className="payload-text"><span className="muted">{t('inspector.text')}: </span><code>{text.length > 400 ? `${text.slice(0, 400)}…` : text}</code></p>
          <HexView bytes={payload} label={t('inspector.hex')} />
        </>
      )}
      <p className="muted small">{t('inspector.headerBytes')}</p>
    </div>
  );
}
