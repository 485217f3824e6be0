// One step of a program: the socket call and its arguments, each field checked as it is typed,
// plus moving and removing the step.
import type { ReactNode } from 'react';
import { useT } from '../../i18n/useT';
import type { Locale } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import type { FieldProblem } from '../../i18n/workbenchMessages';
import type { DraftStep } from '../../workbench/draft';
import { COMMON_FIELDS, OP_FIELDS, type FieldSpec } from '../../workbench/opFields';
import { fieldKey } from '../../workbench/validateDraft';
import { SelectField, TextField } from './FieldInput';

export interface StepEditorProps {
  step: DraftStep;
  index: number;
  count: number;
  locale: Locale;
  problems: Map<string, FieldProblem>;
  /** datalist ids: socket names on this host, host names. */
  socketList: string;
  hostList: string;
  onChange(step: DraftStep): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

export function StepEditor({ step, index, count, locale, problems, socketList, hostList, onChange, onMove, onRemove }: StepEditorProps) {
  const t = useT();
  const set = (key: string, value: string) => onChange({ ...step, fields: { ...step.fields, [key]: value } });
  const problem = (key: string) => problems.get(fieldKey.step(step.uid, key));
  const label = (key: string) => t(`wb.field.${key}` as MessageKey);

  const field = (f: FieldSpec): ReactNode => {
    const value = step.fields[f.key] ?? '';
    const common = { key: f.key, label: label(f.key), problem: problem(f.key), locale, testId: `step-${step.uid}-${f.key}` };
    if (f.kind === 'enum') {
      return (
        <SelectField {...common} value={value} onChange={(v) => set(f.key, v)}>
          {!f.options!.includes(value) && <option value={value}>{value}</option>}
          {f.options!.map((o) => <option key={o} value={o}>{o === '' ? (f.key === 'until' ? t('wb.until.once') : t('wb.none')) : f.key === 'until' ? t('wb.until.eof') : o}</option>)}
        </SelectField>
      );
    }
    if (f.kind === 'data') {
      const bytes = step.fields['data.mode'] === 'bytes';
      return (
        <span key={f.key} className="field-pair">
          <TextField {...common} wide value={value} onChange={(v) => set(f.key, v)} inputMode={bytes ? 'numeric' : 'text'} />
          <label className="check">
            <input type="checkbox" checked={bytes} onChange={(e) => set('data.mode', e.target.checked ? 'bytes' : 'text')} />
            {t('wb.step.bytes')}
          </label>
        </span>
      );
    }
    const numeric = f.kind === 'int' || f.kind === 'port' || f.kind === 'number';
    const list = f.kind === 'sock' ? socketList : f.kind === 'target' ? hostList : undefined;
    return <TextField {...common} value={value} onChange={(v) => set(f.key, v)} list={list} inputMode={numeric ? 'decimal' : 'text'} wide={f.kind === 'socks'} />;
  };

  const expect = COMMON_FIELDS[0];
  return (
    <li className="step-row" data-testid={`step-${step.uid}`}>
      <span className="step-num" aria-hidden="true">{index + 1}</span>
      <span className="step-op"><code>{step.op}()</code></span>
      <span className="step-fields">
        {OP_FIELDS[step.op].map(field)}
        <label className="check">
          <input type="checkbox" checked={step.fields[expect.key] === 'ok'} onChange={(e) => set(expect.key, e.target.checked ? 'ok' : '')} />
          {t('wb.step.expectOk')}
        </label>
      </span>
      <span className="step-tools">
        <button type="button" className="icon-btn small" onClick={() => onMove(-1)} disabled={index === 0} aria-label={t('wb.step.up', { n: index + 1 })}>↑</button>
        <button type="button" className="icon-btn small" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={t('wb.step.down', { n: index + 1 })}>↓</button>
        <button type="button" className="icon-btn small" onClick={onRemove} aria-label={t('wb.step.remove', { n: index + 1 })}>✕</button>
      </span>
    </li>
  );
}
