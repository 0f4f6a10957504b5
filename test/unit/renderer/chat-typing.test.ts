import { describe, expect, it } from 'vitest';
import type { ChatState } from '../../../shared/model/message.ts';
import { createTypingNotifier, pauseAfterMs, type TypingTimers } from '../../../renderer/features/chat/typing-notifier.ts';

/** Timers run by hand: the test says when time passes. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; at: number }>();
  let now = 0;
  let next = 0;
  const timers: TypingTimers = {
    set: (run, ms) => {
      next += 1;
      pending.set(next, { run, at: now + ms });
      return next;
    },
    clear: (handle) => pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [handle, timer] of [...pending]) {
      if (timer.at <= now) {
        pending.delete(handle);
        timer.run();
      }
    }
  };
  return { timers, advance };
}

describe('our chat state while writing (XEP-0085)', () => {
  it('says composing once when typing starts, paused after a quiet spell, composing again, active on send', () => {
    const sent: ChatState[] = [];
    const { timers, advance } = manualTimers();
    const typing = createTypingNotifier((state) => sent.push(state), timers);
    typing.input('h');
    typing.input('he');
    advance(pauseAfterMs - 1);
    typing.input('hel');
    advance(pauseAfterMs - 1);
    expect(sent).toEqual(['composing']);
    advance(1);
    expect(sent).toEqual(['composing', 'paused']);
    typing.input('hello');
    typing.sent();
    advance(pauseAfterMs * 2);
    expect(sent).toEqual(['composing', 'paused', 'composing', 'active']);
  });

  it('goes back to active when the draft is emptied, inactive when the conversation closes, and never repeats a state', () => {
    const sent: ChatState[] = [];
    const { timers, advance } = manualTimers();
    const typing = createTypingNotifier((state) => sent.push(state), timers);
    typing.input('');
    typing.input('x');
    typing.input('');
    typing.input('y');
    typing.dispose();
    typing.dispose();
    advance(pauseAfterMs * 2);
    expect(sent).toEqual(['composing', 'active', 'composing', 'inactive']);
  });

  it('says nothing on closing a conversation where nothing was typed', () => {
    const sent: ChatState[] = [];
    const { timers } = manualTimers();
    createTypingNotifier((state) => sent.push(state), timers).dispose();
    expect(sent).toEqual([]);
  });
});
