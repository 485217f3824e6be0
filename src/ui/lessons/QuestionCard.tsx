// A question of a lesson step: choose an option or type a number, check it, and hear (aria-live)
// whether it was right, with the explanation citing the run's values. The first answer counts for
// the score; after it the card shows the right answer and why. Checking removes the Check button,
// so the focus moves to the result (labelled by what was answered, while the verdict and the
// explanation are announced by the status region) instead of falling to the page.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/useT';
import { answerText, isCorrect, parseNumberAnswer, type EvaluatedQuestion } from '../../lessons';
import type { Locale } from '../../i18n/i18n';
import type { StepAnswer } from '../../store/types';

export interface QuestionCardProps {
  question: EvaluatedQuestion;
  locale: Locale;
  /** A prediction is asked before the moment it is about. */
  prediction: boolean;
  previous?: StepAnswer;
  onAnswer(given: string, correct: boolean): void;
}

export function QuestionCard({ question: q, locale, prediction, previous, onAnswer }: QuestionCardProps) {
  const t = useT();
  const id = useId();
  // An option's id may be "" (recv() returning nothing): null means none chosen.
  const [choice, setChoice] = useState<string | null>(previous ? previous.given : null);
  const [typed, setTyped] = useState<string>(previous?.given ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const answered = previous !== undefined;
  const result = useRef<HTMLDivElement>(null);
  const checked = useRef(false);

  useEffect(() => {
    if (!answered || !checked.current) return;
    checked.current = false;
    result.current?.focus();
    result.current?.scrollIntoView?.({ block: 'nearest' });
  }, [answered]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (answered) return;
    if (q.kind === 'choice') {
      if (choice === null) { setProblem(t('question.choose')); return; }
      setProblem(null);
      checked.current = true;
      onAnswer(choice, isCorrect(q, choice));
    } else {
      if (parseNumberAnswer(typed) === null) { setProblem(t('question.notNumber')); return; }
      setProblem(null);
      checked.current = true;
      onAnswer(typed.trim(), isCorrect(q, typed));
    }
  };

  // Latin letters count one, CJK two: short options go in two columns.
  const compact = q.kind === 'choice' && (q.options ?? []).every((o) => [...o.label[locale]].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0) <= 18);
  const givenText = (g: string) => (q.kind === 'choice' ? q.options?.find((o) => o.id === g)?.label[locale] ?? g : g);
  const feedback = answered
    ? `${previous.correct ? t('question.correct') : t('question.wrong', { answer: answerText(q)[locale] })} ${q.explanation[locale]}`
    : '';

  return (
    <form className={`question${answered ? (previous.correct ? ' right' : ' wrong') : ''}`} onSubmit={submit} aria-labelledby={`${id}-prompt`} data-testid="question">
      <p className="question-kind">{prediction ? t('question.predict') : t('question.label')}</p>
      {q.kind === 'choice' ? (
        <fieldset disabled={answered} className={compact ? 'compact' : undefined} aria-describedby={problem ? `${id}-problem` : undefined}>
          <legend id={`${id}-prompt`} className="question-prompt">{q.prompt[locale]}</legend>
          {q.options!.map((o) => {
            const mark = answered && o.id === q.answer ? ' answer' : answered && o.id === previous.given ? ' given' : '';
            return (
              <label key={o.id} className={`option${mark}`}>
                <input type="radio" name={`${id}-choice`} value={o.id} checked={choice === o.id} onChange={() => setChoice(o.id)} />
                <span>{o.label[locale]}</span>
              </label>
            );
          })}
        </fieldset>
      ) : (
        <div className="number-answer">
          <label id={`${id}-prompt`} htmlFor={`${id}-input`} className="question-prompt">{q.prompt[locale]}</label>
          <div className="number-row">
            <input id={`${id}-input`} type="text" inputMode="decimal" autoComplete="off" value={typed} disabled={answered}
              aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined}
              placeholder={t('question.yourAnswer')} onChange={(e) => setTyped(e.target.value)} />
            {q.unit && <span className="unit">{q.unit[locale]}</span>}
          </div>
        </div>
      )}
      {problem && <p className="field-error" id={`${id}-problem`}>{problem}</p>}
      {!answered && <button type="submit" className="btn primary">{t('question.check')}</button>}
      <div className="question-result" ref={result} tabIndex={-1} data-testid="question-result"
        role={answered ? 'group' : undefined} aria-labelledby={answered ? `${id}-given` : undefined}>
        {answered && <p className="question-given" id={`${id}-given`}>{t('question.answered', { given: givenText(previous.given) })}</p>}
        <p className="question-feedback" role="status" aria-live="polite" aria-atomic="true" data-testid="question-feedback">{feedback}</p>
      </div>
    </form>
  );
}
