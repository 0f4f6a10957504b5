// One XEP-0004 field (§3.3) as the control its type calls for, labelled by its label (or its var), described by its desc,
// marked when required, and showing what is wrong with its answer.
import { useTranslation } from 'react-i18next';
import type { FormField } from '../../../shared/model/data-form.ts';
import type { DraftValue, FieldProblem } from './form-draft.ts';

interface FieldControlProps {
  readonly field: FormField & { readonly var: string };
  /** Unique on the page: the ids of the label, description and error derive from it. */
  readonly id: string;
  readonly value: DraftValue | undefined;
  readonly problem: FieldProblem | undefined;
  readonly disabled: boolean;
  readonly onValue: (value: DraftValue) => void;
  readonly onOption: (option: string, chosen: boolean) => void;
}

const text = (value: DraftValue | undefined): string => (typeof value === 'string' ? value : '');

export function FieldControl({ field, id, value, problem, disabled, onValue, onOption }: FieldControlProps) {
  const { t } = useTranslation();
  const label = field.label ?? field.var;
  const descId = field.desc === undefined ? undefined : `${id}-desc`;
  const errorId = problem === undefined ? undefined : `${id}-error`;
  const describedBy = [descId, errorId].filter((each) => each !== undefined).join(' ') || undefined;
  const required = field.required && field.type !== 'boolean';
  const mark = required && <span className="required-mark">{` ${t('dataForm.required')}`}</span>;
  const desc = field.desc !== undefined && (
    <p id={descId} className="hint">
      {field.desc}
    </p>
  );
  const error = problem && (
    <p id={errorId} className="field-error">
      {problem.kind === 'required' ? t('dataForm.missing') : t('dataForm.notAddress', { value: problem.value })}
    </p>
  );
  const common = { id, disabled, 'aria-describedby': describedBy, 'aria-invalid': problem !== undefined, 'aria-required': required || undefined };

  if (field.type === 'boolean') {
    return (
      <div className="field check">
        <input {...common} type="checkbox" checked={value === true} onChange={(event) => onValue(event.target.checked)} />
        <label htmlFor={id}>{label}</label>
        {desc}
        {error}
      </div>
    );
  }
  if (field.type === 'list-multi') {
    const chosen = new Set(Array.isArray(value) ? value : []);
    return (
      <fieldset className="field choice-group" aria-describedby={describedBy} disabled={disabled}>
        <legend className="label">
          {label}
          {mark}
        </legend>
        {desc}
        {field.options.map((option, index) => (
          <div key={option.value} className="field check">
            <input id={`${id}-${index}`} type="checkbox" checked={chosen.has(option.value)} onChange={(event) => onOption(option.value, event.target.checked)} />
            <label htmlFor={`${id}-${index}`}>{option.label ?? option.value}</label>
          </div>
        ))}
        {error}
      </fieldset>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {mark}
      </label>
      {control()}
      {field.type === 'jid-multi' && <p className="hint">{t('dataForm.onePerLine')}</p>}
      {desc}
      {error}
    </div>
  );

  function control() {
    const current = text(value);
    switch (field.type) {
      case 'list-single': {
        // A value outside the options (or none) is shown as such rather than as the first option.
        const known = field.options.some((option) => option.value === current);
        return (
          <select {...common} value={current} onChange={(event) => onValue(event.target.value)}>
            {!known && <option value={current}>{current === '' ? t('dataForm.choose') : current}</option>}
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label ?? option.value}
              </option>
            ))}
          </select>
        );
      }
      case 'text-multi':
      case 'jid-multi':
        return <textarea {...common} rows={field.type === 'jid-multi' ? 3 : 4} spellCheck={field.type === 'text-multi'} value={current} onChange={(event) => onValue(event.target.value)} />;
      default: {
        const jid = field.type === 'jid-single';
        return (
          <input
            {...common}
            type={field.type === 'text-private' ? 'password' : 'text'}
            autoComplete="off"
            {...(jid ? { inputMode: 'email' as const, spellCheck: false, autoCapitalize: 'none' } : {})}
            value={current}
            onChange={(event) => onValue(event.target.value)}
          />
        );
      }
    }
  }
}
