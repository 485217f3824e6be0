// Network controls: editing a value edits the scenario and re-simulates (keeping the cursor where
// the past is unchanged). An impossible value gets an inline message and the last good run stays.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/StoreProvider';
import { selectScenario, selectScenarioKey, selectRunSource, selectLocale } from '../../store/selectors';
import type { AppState } from '../../store/types';
import { useT } from '../../i18n/useT';
import type { Scenario } from '../../scenarios/schema';
import { FIELDS, parseField, shownValue, type FieldSpec } from './networkFields';
import { PROFILES, PROFILE_DIFFERENCES } from '../../sim/tcp/profiles';
import { optionName, optionValue } from './profileOptions';
import { faultText } from './faultText';

const selectNetActions = (s: AppState) => ({ setScenario: s.setScenario, removeFault: s.removeFault });

function Field({ spec, scenario, onCommit }: { spec: FieldSpec; scenario: Scenario; onCommit(s: Scenario): void }) {
  const t = useT();
  const shown = shownValue(spec, scenario);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  // A new run (or another edit) resets the draft to the stored value.
  useEffect(() => { setDraft(shown); setError(null); }, [shown]);
  const commit = () => {
    if (draft === shown) { setError(null); return; }
    const r = parseField(spec, draft);
    if (!r.ok) {
      setError(t('network.invalid', { field: t(spec.label), expected: t(r.key, r.params) }));
      return;
    }
    setError(null);
    onCommit(spec.write(scenario, r.value));
  };
  const id = `net-${spec.id}`;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{t(spec.label)}</label>
      <input id={id} inputMode="decimal" value={draft} aria-invalid={!!error} aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => setDraft(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); e.stopPropagation(); }} />
      {error && <p id={`${id}-err`} className="field-error" role="alert">{error}</p>}
    </div>
  );
}

export function NetworkPanel() {
  const t = useT();
  const scenario = useAppStore(selectScenario);
  const key = useAppStore(selectScenarioKey);
  const runSource = useAppStore(selectRunSource);
  const locale = useAppStore(selectLocale);
  const { setScenario, removeFault } = useAppStore(useShallow(selectNetActions));
  if (!scenario) return <p className="muted">{t(runSource === 'real' ? 'network.real' : 'network.capture')}</p>;
  const apply = (next: Scenario) => { void setScenario(next, { key, cursor: 'reconcile' }); };
  const profile = scenario.tcp?.profile ?? 'linux';
  return (
    <div className="network">
      <div className="field-grid">
        {FIELDS.map((f) => <Field key={f.id} spec={f} scenario={scenario} onCommit={apply} />)}
        <div className="field">
          <label htmlFor="net-profile">{t('network.profile')}</label>
          <select id="net-profile" value={profile} onChange={(e) => apply({ ...scenario, tcp: { ...scenario.tcp, profile: e.target.value as 'linux' | 'rfc' } })}>
            <option value="linux">{t('network.profile.linux')}</option>
            <option value="rfc">{t('network.profile.rfc')}</option>
          </select>
        </div>
      </div>
      <details className="profile-diff">
        <summary>{t('network.profileDiff')}</summary>
        {/* Each option's name spans both columns and its two values sit below it, so the long
            names and values of either language fit a narrow side panel. */}
        <table className="fields profile-table">
          <thead><tr><th scope="col">{t('network.profile.linux')}</th><th scope="col">{t('network.profile.rfc')}</th></tr></thead>
          {PROFILE_DIFFERENCES.map((k) => k !== 'profile' && (
            <tbody key={k}>
              {/* The scenario's option name is in the tooltip, for people who write scenario files. */}
              <tr><th scope="rowgroup" colSpan={2} title={`tcp.${k}`}>{optionName(t, k)}</th></tr>
              <tr>
                <td>{optionValue(t, locale, k, PROFILES.linux[k])}</td>
                <td>{optionValue(t, locale, k, PROFILES.rfc[k])}</td>
              </tr>
            </tbody>
          ))}
        </table>
      </details>
      <h3>{t('network.faults')}</h3>
      {(scenario.faults ?? []).length === 0 ? <p className="muted">{t('network.faults.none')}</p> : (
        <ul className="faults">
          {scenario.faults!.map((f, i) => {
            const text = faultText(t, f);
            return (
              <li key={i}>
                <span>{text}</span>
                <button type="button" onClick={() => void removeFault(i)}>{t('network.faults.remove')}</button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
