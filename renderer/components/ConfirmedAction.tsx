// A destructive action behind an explicit question: the safe answer takes the focus, errors show in an alert.
import { useId, type ReactNode } from 'react';
import { Alert } from './Alert.tsx';
import { useConfirmation } from './use-confirmation.ts';

interface ConfirmedActionProps {
  /** The button that asks, e.g. "Remove contact". */
  readonly label: string;
  readonly question: ReactNode;
  /** Choices that go with the action, shown under the question (e.g. what else to delete). */
  readonly options?: ReactNode;
  /** The safe answer, e.g. "Keep contact". */
  readonly keepLabel: string;
  readonly confirmLabel: string;
  /** Runs the action; a rejection is shown and the question stays. */
  readonly run: () => Promise<void>;
}

export function ConfirmedAction({ label, question, options, keepLabel, confirmLabel, run }: ConfirmedActionProps) {
  const id = useId();
  const { asking, ask, keep, busy, error, run: runAsked, keepRef, askRef } = useConfirmation();

  return (
    <div className="confirmed-action">
      {asking === undefined ? (
        <div className="actions start">
          <button type="button" ref={askRef('confirm')} className="danger-quiet" onClick={() => ask('confirm')}>
            {label}
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby={`${id}-question`} className="confirm">
          <p id={`${id}-question`}>{question}</p>
          {options}
          <div className="actions start">
            <button type="button" ref={keepRef} onClick={keep} disabled={busy}>
              {keepLabel}
            </button>
            <button type="button" className="danger" onClick={() => void runAsked(run)} disabled={busy}>
              {confirmLabel}
            </button>
          </div>
        </div>
      )}
      {error !== undefined && <Alert>{error}</Alert>}
    </div>
  );
}
