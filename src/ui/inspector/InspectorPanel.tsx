// The selected packet: every header field (IPv4, TCP/UDP/ICMP, options) and its bytes — the very
// bytes the pcap export writes (encodePacket). Pointing at a field highlights its bytes.
import { useMemo, useState } from 'react';
import { useAppStore } from '../../store/StoreProvider';
import { selectPackets, selectSelected, selectTimeline, selectNumbers, selectLocale, selectRunSource } from '../../store/selectors';
import { useT } from '../../i18n/useT';
import { packetBytes, packetFields, type PacketField } from '../../sim/pcap';
import type { PacketRecord } from '../../timeline';
import { packetLabel, packetTone } from '../stage/packetLabel';
import { fieldName, checksumText } from '../../i18n/fieldNames';
import type { MessageKey } from '../../i18n/en';
import { HexView } from './HexView';
import { visibleInline } from '../../real/visibleText';

const LAYER_TITLE: Record<string, MessageKey> = {
  ip: 'inspector.ipv4', tcp: 'inspector.tcp', udp: 'inspector.udp', icmp: 'inspector.icmp',
  'quoted-ip': 'inspector.quoted', 'quoted-tcp': 'inspector.quoted', 'quoted-udp': 'inspector.quoted',
};

function valueText(f: PacketField, rec: PacketRecord): string {
  const hex = typeof f.value === 'number' && (f.key.endsWith('checksum') || f.key === 'ip.identification');
  const base = f.text ?? (hex ? `0x${(f.value as number).toString(16).padStart(4, '0')}` : String(f.value));
  if (rec.type === 'segment' && f.layer === 'tcp' && f.key === 'tcp.seq') return `${base} (rel ${rec.rseq})`;
  if (rec.type === 'segment' && f.layer === 'tcp' && f.key === 'tcp.ack') return `${base} (rel ${rec.rack})`;
  if (rec.type === 'segment' && f.layer === 'tcp' && f.key === 'tcp.window' && rec.win !== f.value) return `${base} (×scale = ${rec.win})`;
  return base;
}

export function InspectorPanel() {
  const t = useT();
  const selected = useAppStore(selectSelected);
  const tl = useAppStore(selectTimeline);
  const packets = useAppStore(selectPackets);
  const numbers = useAppStore(selectNumbers);
  const locale = useAppStore(selectLocale);
  const [hover, setHover] = useState<PacketField | null>(null);
  const real = useAppStore(selectRunSource) === 'real';
  const flight = selected !== null ? tl?.flights[selected] : undefined;
  const packet = flight ? packets?.get(flight.id) : undefined;
  const bytes = useMemo(() => (packet ? packetBytes(packet) : null), [packet]);
  const fields = useMemo(() => (bytes ? packetFields(bytes) : []), [bytes]);
  if (!flight || !tl) return <p className="muted">{t('inspector.empty')}</p>;
  if (!packet || !bytes) return <p className="muted">{t('inspector.notInRun')}</p>;
  const rec = tl.trace[flight.sendRec] as PacketRecord;
  const payload = packet.tcp?.payload ?? packet.udp?.payload ?? new Uint8Array();
  const text = new TextDecoder('utf-8', { fatal: false }).decode(payload);
  const groups: Array<{ layer: string; fields: PacketField[] }> = [];
  for (const f of fields) {
    if (f.layer === 'payload' || f.key.endsWith('.payload')) continue;
    const g = groups.at(-1);
    if (g && g.layer === f.layer) g.fields.push(f);
    else groups.push({ layer: f.layer, fields: [f] });
  }
  return (
    <div className="inspector" data-testid="inspector">
      <p className={`inspector-title tone-${packetTone(rec)}`}>
        <span className="tone-dot" aria-hidden="true" />
        <code>{packetLabel(rec, { numbers, showWin: true })}</code>
      </p>
      {groups.map((g, gi) => (
        <section key={gi}>
          <h3>{t(LAYER_TITLE[g.layer] ?? 'inspector.ipv4')}</h3>
          <table className="fields">
            <tbody>
              {g.fields.map((f) => (
                <tr key={`${f.key}@${f.offset}`} tabIndex={0} className={hover === f ? 'hl' : undefined}
                  onMouseEnter={() => setHover(f)} onMouseLeave={() => setHover(null)} onFocus={() => setHover(f)} onBlur={() => setHover(null)}>
                  <th scope="row">{fieldName(f.key, locale)}</th>
                  <td>
                    {valueText(f, rec)}
                    {f.checksum && <span className={`ck ck-${f.checksum}`}> · {checksumText(f.checksum, locale)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {real && <p className="small muted">{t('inspector.realNote')}</p>}
      <h3>{payload.length ? t('inspector.payload', { n: payload.length }) : t('inspector.payload.none')}</h3>
      {payload.length > 0 && (
        <p className="payload-text"><span className="muted">{t('inspector.text')}: </span><code>{visibleInline(text.length > 400 ? `${text.slice(0, 400)}…` : text)}</code></p>
      )}
      <h3>{t('inspector.hex')} ({bytes.length})</h3>
      <HexView bytes={bytes} label={t('inspector.hex')} highlight={hover ? [hover.offset, hover.offset + hover.length] : null} />
    </div>
  );
}
