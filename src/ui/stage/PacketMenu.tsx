// The menu a packet in flight opens: drop it (re-simulate with that loss), inspect it, close.
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/StoreProvider';
import { selectHasScenario, selectNumbers, selectTimeline } from '../../store/selectors';
import type { AppState } from '../../store/types';
import { useT } from '../../i18n/useT';
import type { Flight, PacketRecord } from '../../timeline';
import { packetLabel } from './packetLabel';

const selectMenuActions = (s: AppState) => ({ dropPacket: s.dropPacket, openMenu: s.openMenu, select: s.select, setPanel: s.setPanel, pause: s.pause });

export function PacketMenu({ flight, x, y }: { flight: Flight; x: number; y: number }) {
  const t = useT();
  const tl = useAppStore(selectTimeline);
  const numbers = useAppStore(selectNumbers);
  const hasScenario = useAppStore(selectHasScenario);
  const { dropPacket, openMenu, select, setPanel, pause } = useAppStore(useShallow(selectMenuActions));
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    pause();
    first.current?.focus();
  }, [pause]);
  if (!tl) return null;
  const rec = tl.trace[flight.sendRec] as PacketRecord;
  const close = () => openMenu(null);
  // A capture is a record of the past: only simulated packets can be dropped.
  const canDrop = hasScenario && flight.fate !== 'drop' && flight.copy === 0;
  return (
    <div className="packet-menu" role="dialog" aria-label={t('diagram.packetMenu', { id: flight.id })}
      style={{ left: x, top: y }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } }}>
      <p className="packet-menu-title">{t('diagram.packetMenu', { id: flight.id })} · <code>{packetLabel(rec, { numbers })}</code></p>
      {canDrop && (
        <>
          <button ref={first} type="button" className="danger" onClick={() => { close(); void dropPacket(flight.id); }}>
            {t('diagram.dropThis')}
          </button>
          <p className="packet-menu-hint">{t('diagram.dropHint')}</p>
        </>
      )}
      <div className="packet-menu-row">
        <button ref={canDrop ? undefined : first} type="button" onClick={() => { select(flight.index); setPanel('inspector'); close(); }}>
          {t('diagram.inspect')}
        </button>
        <button type="button" onClick={close}>{t('diagram.close')}</button>
      </div>
    </div>
  );
}
