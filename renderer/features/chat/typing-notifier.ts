// XEP-0085 §5: our chat state while writing — composing when typing starts, paused after a pause, active on send or when cleared, inactive on leaving; sent only on changes.
import type { ChatState } from '../../../shared/model/message.ts';

export const pauseAfterMs = 5_000;

export interface TypingNotifier {
  /** The draft changed to this text. */
  readonly input: (text: string) => void;
  /** The draft was sent. */
  readonly sent: () => void;
  /** The conversation closes. */
  readonly dispose: () => void;
}

export interface TypingTimers {
  readonly set: (run: () => void, ms: number) => unknown;
  readonly clear: (handle: unknown) => void;
}

const realTimers: TypingTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createTypingNotifier(send: (state: ChatState) => void, timers: TypingTimers = realTimers): TypingNotifier {
  let state: ChatState = 'active';
  let told = false;
  let timer: unknown;
  const change = (next: ChatState) => {
    if (next === state) return;
    state = next;
    told = true;
    send(next);
  };
  const stopTimer = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };
  return {
    input(text) {
      stopTimer();
      if (text.trim() === '') return change('active');
      change('composing');
      timer = timers.set(() => {
        timer = undefined;
        change('paused');
      }, pauseAfterMs);
    },
    sent() {
      stopTimer();
      change('active');
    },
    dispose() {
      stopTimer();
      // §5.1: leaving the conversation is no longer participating; a peer never told anything needs no word.
      if (told) change('inactive');
    },
  };
}
