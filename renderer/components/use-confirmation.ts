// A question before a destructive action: which one is asked, the safe answer focused when it appears, the focus back
// on the button that asked when it goes, and the action's progress and error.
import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../api.ts';

/** What to do once the action succeeded: stay busy until the question goes with what it was about, or close it. */
export type AfterAction = 'stay' | 'close';

export interface Confirmation<Kind extends string> {
  /** The action asked about, undefined while no question shows. */
  readonly asking: Kind | undefined;
  readonly ask: (kind: Kind) => void;
  /** The safe answer: the question goes, nothing is done. */
  readonly keep: () => void;
  readonly busy: boolean;
  readonly error: string | undefined;
  /** Runs the action; a rejection is shown and the question stays. */
  readonly run: (work: () => Promise<unknown>, after?: AfterAction) => Promise<void>;
  /** For the safe answer's button, which takes the focus when the question appears. */
  readonly keepRef: React.RefObject<HTMLButtonElement | null>;
  /** For the button that asks about `kind`, which gets the focus back when the question goes. */
  readonly askRef: (kind: Kind) => (button: HTMLButtonElement | null) => void;
}

/** `initial` asks at once: for a question that is shown only once asked. */
export function useConfirmation<Kind extends string = 'confirm'>(initial?: Kind): Confirmation<Kind> {
  const [asking, setAsking] = useState<Kind | undefined>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const keepRef = useRef<HTMLButtonElement>(null);
  const askers = useRef<Partial<Record<Kind, HTMLButtonElement | null>>>({});
  const lastAsked = useRef<Kind>(undefined);

  useEffect(() => {
    if (asking !== undefined) {
      lastAsked.current = asking;
      keepRef.current?.focus();
    } else if (lastAsked.current !== undefined) {
      askers.current[lastAsked.current]?.focus();
    }
  }, [asking]);

  const run = useCallback(async (work: () => Promise<unknown>, after: AfterAction = 'stay') => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      if (after === 'close') {
        setAsking(undefined);
        setBusy(false);
      }
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }, []);
  const askRef = useCallback((kind: Kind) => (button: HTMLButtonElement | null) => void (askers.current[kind] = button), []);
  const keep = useCallback(() => setAsking(undefined), []);

  return { asking, ask: setAsking, keep, busy, error, run, keepRef, askRef };
}
