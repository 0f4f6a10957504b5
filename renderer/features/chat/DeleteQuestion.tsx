// The question before deleting a message for everyone, as a row under its text: the safe answer takes the focus,
// Escape keeps the message, a failure shows in an alert and the question stays.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert.tsx';
import { useConfirmation } from '../../components/use-confirmation.ts';
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
  // Shown only once asked: the question is there from the start.
  const { busy, error, run, keepRef } = useConfirmation('delete');

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
        <button type="button" className="danger" tabIndex={tabIndex} onClick={() => void run(onDelete)} disabled={busy}>
          {t('actions.deleteConfirm')}
        </button>
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
    </div>
  );
}
