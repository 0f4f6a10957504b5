// A destructive action behind an explicit question: the safe answer takes the focus, errors show in an alert.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { messageOf } from '../api.ts';
import { Alert } from './Alert.tsx';

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
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const keepRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // The safe choice gets focus when the question appears; focus returns to the asking button when it goes.
  useEffect(() => {
    if (confirming) {
      asked.current = true;
      keepRef.current?.focus();
    } else if (asked.current) {
      askRef.current?.focus();
    }
  }, [confirming]);

  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await run();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <div className="confirmed-action">
      {!confirming ? (
        <div className="actions start">
          <button type="button" ref={askRef} className="danger-quiet" onClick={() => setConfirming(true)}>
            {label}
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby={`${id}-question`} className="confirm">
          <p id={`${id}-question`}>{question}</p>
          {options}
          <div className="actions start">
            <button type="button" ref={keepRef} onClick={() => setConfirming(false)} disabled={busy}>
              {keepLabel}
            </button>
            <button type="button" className="danger" onClick={() => void confirm()} disabled={busy}>
              {confirmLabel}
            </button>
          </div>
        </div>
      )}
      {error !== undefined && <Alert>{error}</Alert>}
    </div>
  );
}
