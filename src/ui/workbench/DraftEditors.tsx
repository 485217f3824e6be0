// The workbench form's sections: general settings and the network, hosts, programs (with their
// steps) and faults. Each edits an immutable draft and hands the new one up.
import { useId } from 'react';
import { useT } from '../../i18n/useT';
import type { Locale } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import type { FieldProblem } from '../../i18n/workbenchMessages';
import { NETWORK_FIELDS, newStep, uid, type Draft, type DraftFault, type DraftProgram } from '../../workbench/draft';
import { OPS } from '../../workbench/opFields';
import { fieldKey } from '../../workbench/validateDraft';
import type { StepOp } from '../../scenarios/schema';
import { SelectField, TextField, FieldError } from './FieldInput';
import { StepEditor } from './StepEditor';

export interface EditorProps {
  draft: Draft;
  problems: Map<string, FieldProblem>;
  locale: Locale;
  onChange(d: Draft): void;
}

const move = <T,>(xs: T[], i: number, d: number): T[] => {
  const j = i + d;
  if (j < 0 || j >= xs.length) return xs;
  const out = [...xs];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
};

export function GeneralEditor({ draft, problems, locale, onChange }: EditorProps) {
  const t = useT();
  return (
    <fieldset className="wb-section">
      <legend>{t('wb.general')}</legend>
      <div className="field-grid">
        <TextField label={t('wb.titleEn')} value={draft.title.en} locale={locale} problem={problems.get('title')} onChange={(en) => onChange({ ...draft, title: { ...draft.title, en } })} />
        <TextField label={t('wb.titleZh')} value={draft.title.zh} locale={locale} onChange={(zh) => onChange({ ...draft, title: { ...draft.title, zh, plain: false } })} />
        <TextField label={t('wb.seed')} value={draft.seed} locale={locale} inputMode="numeric" problem={problems.get('seed')} testId="wb-seed" onChange={(seed) => onChange({ ...draft, seed })} />
        <TextField label={t('wb.until')} value={draft.until} locale={locale} inputMode="decimal" problem={problems.get('until')} placeholder="600000" onChange={(until) => onChange({ ...draft, until })} />
      </div>
    </fieldset>
  );
}

const NET_LABEL: Record<(typeof NETWORK_FIELDS)[number], MessageKey> = {
  latency: 'wb.net.latency', jitter: 'wb.net.jitter', loss: 'wb.net.loss', duplicate: 'wb.net.duplicate',
  reorder: 'wb.net.reorder', bandwidth: 'wb.net.bandwidth', mtu: 'wb.mtu',
};

/** The simulator's defaults (shared/spec/scenario-and-trace.md), shown where a field is empty. */
const NET_DEFAULT: Record<(typeof NETWORK_FIELDS)[number], string> = { latency: '10', jitter: '0', loss: '0', duplicate: '0', reorder: '0', bandwidth: '∞', mtu: '1500' };

export function NetworkEditor({ draft, problems, locale, onChange }: EditorProps) {
  const t = useT();
  return (
    <fieldset className="wb-section">
      <legend>{t('wb.network')}</legend>
      <div className="field-grid">
        {NETWORK_FIELDS.map((k) => (
          <TextField key={k} label={t(NET_LABEL[k])} value={draft.network[k]} locale={locale} inputMode="decimal" problem={problems.get(`network.${k}`)} placeholder={NET_DEFAULT[k]}
            testId={`wb-net-${k}`} onChange={(v) => onChange({ ...draft, network: { ...draft.network, [k]: v } })} />
        ))}
        <SelectField label={t('wb.profile')} value={draft.profile} locale={locale} problem={problems.get('profile')} onChange={(v) => onChange({ ...draft, profile: v as Draft['profile'] })}>
          <option value="">{t('wb.profile.default')}</option>
          <option value="linux">{t('network.profile.linux')}</option>
          <option value="rfc">{t('network.profile.rfc')}</option>
        </SelectField>
      </div>
    </fieldset>
  );
}

export function HostsEditor({ draft, problems, locale, onChange }: EditorProps) {
  const t = useT();
  const listId = useId();
  const addHost = () => {
    const names = new Set(draft.hosts.map((h) => h.name));
    let n = draft.hosts.length + 1;
    while (names.has(`host${n}`)) n++;
    const used = new Set(draft.hosts.map((h) => h.ip));
    let last = 1;
    while (used.has(`10.0.0.${last}`)) last++;
    onChange({ ...draft, hosts: [...draft.hosts, { uid: uid(), name: draft.hosts.length === 0 ? 'server' : `host${n}`, ip: `10.0.0.${last}`, extra: {} }] });
  };
  return (
    <fieldset className="wb-section">
      <legend>{t('wb.hosts')}</legend>
      <FieldError id={listId} problem={problems.get('hosts')} locale={locale} />
      <ul className="wb-rows">
        {draft.hosts.map((h, i) => (
          <li key={h.uid} className="host-row">
            <TextField label={t('wb.host.name')} value={h.name} locale={locale} problem={problems.get(fieldKey.host(h.uid, 'name'))} testId={`host-${i}-name`}
              onChange={(name) => onChange({ ...draft, hosts: draft.hosts.map((x) => (x.uid === h.uid ? { ...x, name } : x)), programs: draft.programs.map((p) => (p.host === h.name ? { ...p, host: name } : p)) })} />
            <TextField label={t('wb.host.ip')} value={h.ip} locale={locale} problem={problems.get(fieldKey.host(h.uid, 'ip'))} testId={`host-${i}-ip`}
              onChange={(ip) => onChange({ ...draft, hosts: draft.hosts.map((x) => (x.uid === h.uid ? { ...x, ip } : x)) })} />
            <button type="button" className="icon-btn small" aria-label={t('wb.host.remove', { name: h.name })} onClick={() => onChange({ ...draft, hosts: draft.hosts.filter((x) => x.uid !== h.uid) })}>✕</button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn small" onClick={addHost}>+ {t('wb.host.add')}</button>
    </fieldset>
  );
}

/** A new step whose socket is the one the program created last: the usual order of a call flow. */
function nextStep(program: DraftProgram, op: StepOp) {
  const st = newStep(op);
  const last = [...program.steps].reverse().find((s) => (s.op === 'socket' || s.op === 'accept') && s.fields.as)?.fields.as;
  if (last && 'sock' in st.fields) st.fields.sock = last;
  if (last && op === 'poll') st.fields.socks = last;
  return st;
}

function ProgramEditor({ draft, program, index, problems, locale, onChange }: EditorProps & { program: DraftProgram; index: number }) {
  const t = useT();
  const id = useId();
  const setProgram = (p: DraftProgram) => onChange({ ...draft, programs: draft.programs.map((x) => (x.uid === p.uid ? p : x)) });
  // Socket names created on this host (by any of its programs), offered while typing.
  const sockets = [...new Set(draft.programs.filter((p) => p.host === program.host).flatMap((p) => p.steps.filter((s) => s.op === 'socket' || s.op === 'accept').map((s) => s.fields.as)).filter(Boolean))];
  return (
    <li className="wb-program" data-testid={`program-${index}`}>
      <header className="wb-program-head">
        <h3>{t('wb.program', { n: index })}</h3>
        <SelectField label={t('wb.program.host')} value={program.host} locale={locale} problem={problems.get(fieldKey.program(program.uid, 'host'))} testId={`program-${index}-host`}
          onChange={(host) => setProgram({ ...program, host })}>
          {!draft.hosts.some((h) => h.name === program.host) && <option value={program.host}>{program.host || t('wb.none')}</option>}
          {draft.hosts.map((h) => <option key={h.uid} value={h.name}>{h.name}</option>)}
        </SelectField>
        <TextField label={t('wb.program.name')} value={program.name} locale={locale} problem={problems.get(fieldKey.program(program.uid, 'name'))} onChange={(name) => setProgram({ ...program, name })} />
        <SelectField label={t('wb.program.start')} value={program.start} locale={locale} problem={problems.get(fieldKey.program(program.uid, 'start'))} onChange={(v) => setProgram({ ...program, start: v === 'spawn' ? 'spawn' : 'auto' })}>
          <option value="auto">{t('wb.program.start.auto')}</option>
          <option value="spawn">{t('wb.program.start.spawn')}</option>
        </SelectField>
        <button type="button" className="icon-btn small" aria-label={t('wb.program.remove', { n: index })} onClick={() => onChange({ ...draft, programs: draft.programs.filter((p) => p.uid !== program.uid) })}>✕</button>
      </header>
      <datalist id={`${id}-socks`}>{sockets.map((s) => <option key={s} value={s} />)}</datalist>
      <datalist id={`${id}-hosts`}>{draft.hosts.map((h) => <option key={h.uid} value={h.name} />)}</datalist>
      <ol className="steps" aria-label={t('wb.steps')}>
        {program.steps.map((st, i) => (
          <StepEditor key={st.uid} step={st} index={i} count={program.steps.length} locale={locale} problems={problems}
            socketList={`${id}-socks`} hostList={`${id}-hosts`}
            onChange={(s) => setProgram({ ...program, steps: program.steps.map((x) => (x.uid === s.uid ? s : x)) })}
            onMove={(d) => setProgram({ ...program, steps: move(program.steps, i, d) })}
            onRemove={() => setProgram({ ...program, steps: program.steps.filter((x) => x.uid !== st.uid) })} />
        ))}
      </ol>
      <label className="add-step">
        <span>+ {t('wb.step.add')}</span>
        <select value="" data-testid={`program-${index}-add`} onChange={(e) => { if (e.target.value) setProgram({ ...program, steps: [...program.steps, nextStep(program, e.target.value as StepOp)] }); }}>
          <option value="">…</option>
          {OPS.map((op) => <option key={op} value={op}>{op}()</option>)}
        </select>
      </label>
    </li>
  );
}

export function ProgramsEditor(props: EditorProps) {
  const t = useT();
  const { draft, onChange } = props;
  return (
    <fieldset className="wb-section">
      <legend>{t('wb.programs')}</legend>
      <ol className="programs">
        {draft.programs.map((p, i) => <ProgramEditor key={p.uid} {...props} program={p} index={i} />)}
      </ol>
      <button type="button" className="btn small" data-testid="add-program"
        onClick={() => onChange({ ...draft, programs: [...draft.programs, { uid: uid(), host: draft.hosts[0]?.name ?? '', name: '', start: 'auto', steps: [], extra: {} }] })}>
        + {t('wb.program.add')}
      </button>
    </fieldset>
  );
}

export function FaultsEditor({ draft, problems, locale, onChange }: EditorProps) {
  const t = useT();
  const setFault = (f: DraftFault) => onChange({ ...draft, faults: draft.faults.map((x) => (x.uid === f.uid ? f : x)) });
  const text = (f: DraftFault, k: keyof DraftFault['fields'], label: MessageKey, numeric = false) => (
    <TextField label={t(label)} value={f.fields[k]} locale={locale} inputMode={numeric ? 'numeric' : 'text'} problem={problems.get(fieldKey.fault(f.uid, k))}
      onChange={(v) => setFault({ ...f, fields: { ...f.fields, [k]: v } })} />
  );
  return (
    <fieldset className="wb-section">
      <legend>{t('wb.faults')}</legend>
      <ul className="wb-rows">
        {draft.faults.map((f, i) => (
          <li key={f.uid} className="fault-row">
            <SelectField label={t('wb.fault.action')} value={f.action} locale={locale} onChange={(v) => setFault({ ...f, action: v as DraftFault['action'] })}>
              <option value="drop">{t('wb.fault.drop')}</option>
              <option value="duplicate">{t('wb.fault.duplicate')}</option>
              <option value="delay">{t('wb.fault.delay')}</option>
            </SelectField>
            {text(f, 'from', 'wb.fault.from')}
            {text(f, 'to', 'wb.fault.to')}
            <SelectField label={t('wb.fault.proto')} value={f.fields.proto} locale={locale} problem={problems.get(fieldKey.fault(f.uid, 'proto'))} onChange={(v) => setFault({ ...f, fields: { ...f.fields, proto: v } })}>
              <option value="">{t('wb.any')}</option>
              <option value="tcp">TCP</option><option value="udp">UDP</option><option value="icmp">ICMP</option>
            </SelectField>
            {text(f, 'flags', 'wb.fault.flags')}
            <SelectField label={t('wb.fault.payload')} value={f.fields.payload} locale={locale} onChange={(v) => setFault({ ...f, fields: { ...f.fields, payload: v } })}>
              <option value="">{t('wb.fault.payload.any')}</option>
              <option value="yes">{t('wb.fault.payload.yes')}</option>
              <option value="no">{t('wb.fault.payload.no')}</option>
            </SelectField>
            {text(f, 'nth', 'wb.fault.nth', true)}
            {f.action === 'delay' && text(f, 'ms', 'wb.fault.ms', true)}
            <button type="button" className="icon-btn small" aria-label={t('wb.fault.remove', { n: i + 1 })} onClick={() => onChange({ ...draft, faults: draft.faults.filter((x) => x.uid !== f.uid) })}>✕</button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn small" onClick={() => onChange({ ...draft, faults: [...draft.faults, { uid: uid(), action: 'drop', fields: { from: '', to: '', proto: '', flags: '', payload: '', nth: '1', ms: '' }, extra: {} }] })}>
        + {t('wb.fault.add')}
      </button>
    </fieldset>
  );
}
