// The right-hand panel: tabs for the state machine, the packet inspector, socket internals, the
// network settings (and the code, on narrow screens where it has no column of its own).
import { lazy, Suspense, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/StoreProvider';
import { selectPanel, selectSettingsActions } from '../../store/selectors';
import type { SidePanel as PanelId } from '../../store/types';
import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../i18n/en';
import { StateMachinePanel } from '../state-machine/StateMachinePanel';

const InspectorPanel = lazy(() => import('../inspector/InspectorPanel').then((m) => ({ default: m.InspectorPanel })));
const SocketsPanel = lazy(() => import('../sockets/SocketsPanel').then((m) => ({ default: m.SocketsPanel })));
const NetworkPanel = lazy(() => import('../network/NetworkPanel').then((m) => ({ default: m.NetworkPanel })));

const TABS: Array<{ id: PanelId; label: MessageKey }> = [
  { id: 'state', label: 'panel.stateTab' },
  { id: 'inspector', label: 'panel.inspector' },
  { id: 'sockets', label: 'panel.sockets' },
  { id: 'network', label: 'panel.network' },
];

export function SidePanel({ code, codeLabel = 'panel.code' }: { code?: ReactNode; codeLabel?: MessageKey }) {
  const t = useT();
  const panel = useAppStore(selectPanel);
  const { setPanel } = useAppStore(useShallow(selectSettingsActions));
  const tabs: typeof TABS = code ? [{ id: 'code', label: codeLabel }, ...TABS] : TABS;
  const active: PanelId = panel === 'code' && !code ? 'state' : panel;
  const onKey = (e: React.KeyboardEvent, i: number) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    e.stopPropagation();
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    setPanel(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <aside className="side">
      <div className="tabs" role="tablist" aria-label={t('panel.side')}>
        {tabs.map((tab, i) => (
          <button key={tab.id} id={`tab-${tab.id}`} type="button" role="tab" aria-selected={active === tab.id}
            aria-controls="side-tabpanel" tabIndex={active === tab.id ? 0 : -1}
            onClick={() => setPanel(tab.id)} onKeyDown={(e) => onKey(e, i)}>
            {t(tab.label)}
          </button>
        ))}
      </div>
      <div className="tabpanel" id="side-tabpanel" role="tabpanel" aria-labelledby={`tab-${active}`} tabIndex={0}>
        <Suspense fallback={<p className="muted">…</p>}>
          {active === 'code' && code}
          {active === 'state' && <StateMachinePanel />}
          {active === 'inspector' && <InspectorPanel />}
          {active === 'sockets' && <SocketsPanel />}
          {active === 'network' && <NetworkPanel />}
        </Suspense>
      </div>
    </aside>
  );
}
