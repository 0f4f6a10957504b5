// A dialog form's closing row: the way out first, then the button that submits the form.
import type { Ref } from 'react';

interface FormActionsProps {
  readonly cancelLabel: string;
  readonly onCancel: () => void;
  readonly submitLabel: string;
  /** Disables both buttons while the form's request is under way. */
  readonly busy: boolean;
  /** The submit button is also disabled when the form cannot be sent yet. */
  readonly incomplete?: boolean;
  /** Whether the way out stays usable while busy (a dialog that closes without undoing anything). */
  readonly cancelWhileBusy?: boolean;
  readonly tone?: 'primary' | 'danger';
  readonly cancelRef?: Ref<HTMLButtonElement>;
}

export function FormActions({ cancelLabel, onCancel, submitLabel, busy, incomplete = false, cancelWhileBusy = false, tone = 'primary', cancelRef }: FormActionsProps) {
  return (
    <div className="actions">
      <button type="button" ref={cancelRef} onClick={onCancel} disabled={busy && !cancelWhileBusy}>
        {cancelLabel}
      </button>
      <button type="submit" className={tone} disabled={busy || incomplete}>
        {submitLabel}
      </button>
    </div>
  );
}
