// One value of a room to change (its subject, our nickname there): the field, Save and Cancel, the room's refusal in words.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { Modal } from '../../components/Modal.tsx';

interface RoomTextDialogProps {
  readonly title: string;
  readonly label: string;
  readonly initial: string;
  /** A subject may be emptied; a nickname may not. */
  readonly allowEmpty: boolean;
  /** What Save is called; by default Save, which needs a change (a kick's reason may stay empty). */
  readonly action?: string;
  /** Resolves once the room took it; a refusal is shown and the dialog stays. */
  readonly onSave: (value: string) => Promise<unknown>;
  readonly onClose: () => void;
}

export function RoomTextDialog({ title, label, initial, allowEmpty, action, onSave, onClose }: RoomTextDialogProps) {
  const id = useId();
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  const unchanged = (action === undefined && value.trim() === initial.trim()) || (!allowEmpty && value.trim() === '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (unchanged) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSave(value.trim());
      onClose();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
      requestAnimationFrame(() => inputRef.current?.focus());
    }
  }

  return (
    <Modal titleId={`${id}-title`} onCancel={onClose} initialFocus={inputRef}>
      <h2 id={`${id}-title`}>{title}</h2>
      <form className="stack" noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${id}-value`}>{label}</label>
          <input
            id={`${id}-value`}
            ref={inputRef}
            type="text"
            autoComplete="off"
            value={value}
            disabled={busy}
            aria-invalid={error !== undefined}
            aria-describedby={error === undefined ? undefined : `${id}-error`}
            onChange={(event) => setValue(event.target.value)}
          />
        </div>
        {error !== undefined && (
          <Alert>
            <p id={`${id}-error`}>{error}</p>
          </Alert>
        )}
        <FormActions cancelLabel={t('common.cancel')} onCancel={onClose} submitLabel={action ?? t('common.save')} busy={busy} incomplete={unchanged} />
      </form>
    </Modal>
  );
}
