// The question before deleting a message for everyone, as a row under its text: the safe answer takes the focus,
// Escape keeps the message, a failure shows in an alert and the question stays.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useMessageControlsTabIndex } from './message-focus.ts';

interface DeleteQuestionProps {
  readonly onKeep: () => void;
  /** Deletes; a rejection is shown. */
  readonly onDelete: () => Promise<void>;
}

export function DeleteQuestion({ onKeep, onDelete }: DeleteQuestionProps) {
  const id = useId();
  const { t } = useTranslation();
  const tabIndex = useMessageControlsTabIndex();
  const keepRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => keepRef.current?.focus(), []);

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await onDelete();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <div
      role="group"
      aria-labelledby={`${id}-question`}
      className="delete-question"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || busy) return;
        event.preventDefault();
        onKeep();
      }}
    >
      <p id={`${id}-question`}>{t('actions.deleteQuestion')}</p>
      <div className="delete-answers">
        <button type="button" ref={keepRef} tabIndex={tabIndex} onClick={onKeep} disabled={busy}>
          {t('actions.keep')}
        </button>
        <button type="button" className="danger" tabIndex={tabIndex} onClick={() => void confirm()} disabled={busy}>
          {t('actions.deleteConfirm')}
        </button>
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
    </div>
  );
}
