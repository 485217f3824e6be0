// One form field of the workbench: a label, the text as typed, and beside it what is wrong with it
// (announced, and tied to the input with aria-describedby) — the text is never replaced.
import { useId, type ReactNode } from 'react';
import type { FieldProblem } from '../../i18n/workbenchMessages';
import { describeProblem } from '../../i18n/workbenchMessages';
import type { Locale } from '../../i18n/i18n';

interface Common {
  label: string;
  problem?: FieldProblem;
  locale: Locale;
  className?: string;
  testId?: string;
}

export function FieldError({ id, problem, locale }: { id: string; problem?: FieldProblem; locale: Locale }) {
  if (!problem) return null;
  return <span className="field-error" id={id} role="alert">{describeProblem(problem, locale)}</span>;
}

export function TextField({ label, value, onChange, problem, locale, className, testId, list, inputMode, wide, placeholder }: Common & {
  value: string; onChange(v: string): void; list?: string; inputMode?: 'numeric' | 'decimal' | 'text'; wide?: boolean; placeholder?: string;
}) {
  const id = useId();
  return (
    <span className={`field${problem ? ' invalid' : ''}${wide ? ' wide' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} list={list} inputMode={inputMode} spellCheck={false} autoComplete="off" placeholder={placeholder}
        aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-err` : undefined} data-testid={testId}
        onChange={(e) => onChange(e.target.value)} />
      <FieldError id={`${id}-err`} problem={problem} locale={locale} />
    </span>
  );
}

export function SelectField({ label, value, onChange, problem, locale, className, testId, children }: Common & {
  value: string; onChange(v: string): void; children: ReactNode;
}) {
  const id = useId();
  return (
    <span className={`field${problem ? ' invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-err` : undefined}
        data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
      <FieldError id={`${id}-err`} problem={problem} locale={locale} />
    </span>
  );
}
