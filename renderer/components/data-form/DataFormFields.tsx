// Any XEP-0004 form (§3), rendered generically: its instructions, then its fields in order; fixed fields as text, hidden
// ones not at all (they are submitted as the form had them), every other type as its control.
import { useId } from 'react';
import type { DataForm } from '../../../shared/model/data-form.ts';
import { FieldControl } from './FieldControl.tsx';
import { editDraft, toggleOption, type FieldProblem, type FormDraft } from './form-draft.ts';

interface DataFormFieldsProps {
  readonly form: DataForm;
  readonly draft: FormDraft;
  /** Shown once the user tried to submit. */
  readonly problems: readonly FieldProblem[];
  readonly disabled: boolean;
  readonly onDraft: (draft: FormDraft) => void;
}

export function DataFormFields({ form, draft, problems, disabled, onDraft }: DataFormFieldsProps) {
  const id = useId();
  return (
    <div className="stack data-form">
      {form.instructions.map((line, index) => (
        <p key={`i${index}`} className="hint">
          {line}
        </p>
      ))}
      {form.fields.map((field, index) => {
        const key = `${index}-${field.var ?? ''}`;
        // §3.3 fixed: text for the user (often a section heading), not a value.
        if (field.type === 'fixed') {
          return (
            <p key={key} className="form-fixed">
              {field.values.join('\n')}
            </p>
          );
        }
        const name = field.var;
        if (field.type === 'hidden' || name === undefined) return null;
        return (
          <FieldControl
            key={key}
            field={{ ...field, var: name }}
            id={`${id}-${index}`}
            value={draft[name]}
            problem={problems.find((problem) => problem.var === name)}
            disabled={disabled}
            onValue={(value) => onDraft(editDraft(form, draft, name, value))}
            onOption={(option, chosen) => onDraft(toggleOption(form, draft, name, option, chosen))}
          />
        );
      })}
    </div>
  );
}
