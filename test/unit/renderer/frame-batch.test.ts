// Events faster than frames applied together: a room's burst of messages is one store update, in the order it came.
import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../../../shared/model/message.ts';
import { createFrameBatch, frameMs, type Timers } from '../../../renderer/frame-batch.ts';
import { applyChatEvents, applyConversation, applyMessage, applyPage, initialChat, selectConversations, selectView, type ChatEvent } from '../../../renderer/stores/chat.ts';

/** Timers run by hand: `elapse` fires what is due. */
function manualTimers() {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      next += 1;
      due.set(next, { at: now + ms, callback });
      return next;
    },
    clearTimeout: (handle) => {
      due.delete(handle as number);
    },
  };
  const elapse = (ms: number) => {
    now += ms;
    for (const [handle, timer] of [...due]) {
      if (timer.at > now) continue;
      due.delete(handle);
      timer.callback();
    }
  };
  return { timers, elapse, pending: () => due.size };
}

describe('createFrameBatch', () => {
  it('applies the first at once, then what comes within the window together at its end, in order', () => {
    const { timers, elapse } = manualTimers();
    const applied: number[][] = [];
    const batch = createFrameBatch<number>((items) => applied.push([...items]), frameMs, timers);
    for (let index = 0; index < 100; index += 1) batch.push(index);
    expect(applied).toEqual([[0]]);
    elapse(frameMs - 1);
    expect(applied).toHaveLength(1);
    elapse(1);
    expect(applied).toEqual([[0], Array.from({ length: 99 }, (_, index) => index + 1)]);
    // Quiet for a window: the next one is applied at once again.
    elapse(frameMs);
    batch.push(100);
    expect(applied.at(-1)).toEqual([100]);
  });

  it('a steady stream is applied at most once per window, and every item in order', () => {
    const { timers, elapse } = manualTimers();
    const applied: number[][] = [];
    const batch = createFrameBatch<number>((items) => applied.push([...items]), frameMs, timers);
    // 100 a second, for a second: 5 ms apart, bursts of 2 each time.
    for (let index = 0; index < 200; index += 2) {
      batch.push(index);
      batch.push(index + 1);
      elapse(5);
    }
    elapse(frameMs);
    expect(applied.flat()).toEqual(Array.from({ length: 200 }, (_, index) => index));
    expect(applied.length).toBeLessThanOrEqual(Math.ceil(500 / frameMs) + 1);
  });

  it('flush applies what waits at once and stops the timer; with nothing waiting it does nothing', () => {
    const { timers, elapse, pending } = manualTimers();
    const applied: string[][] = [];
    const batch = createFrameBatch<string>((items) => applied.push([...items]), frameMs, timers);
    batch.flush();
    expect(applied).toEqual([]);
    batch.push('a');
    batch.push('b');
    batch.push('c');
    batch.flush();
    expect(applied).toEqual([['a'], ['b', 'c']]);
    expect(pending()).toBe(0);
    elapse(frameMs);
    expect(applied).toHaveLength(2);
  });
});

const message = (id: string, timestamp: number): Message => ({ id, accountId: 'a1', peer: 'tea@conference.x', kind: 'groupchat', direction: 'in', body: id, timestamp, state: 'received', sender: { nick: 'bob' } });
const conversation = (timestamp: number): Conversation => ({ peer: 'tea@conference.x', unread: timestamp, muted: false, lastMessage: { body: `m${timestamp}`, timestamp, direction: 'in' } });

describe('applyChatEvents', () => {
  it('is the same as applying each event alone, in order', () => {
    const opened = applyPage(initialChat, 'a1', 'tea@conference.x', 'latest', { messages: [], hasOlder: false, hasNewer: false });
    const events: ChatEvent[] = [];
    for (let index = 1; index <= 50; index += 1) {
      events.push({ kind: 'message', message: message(`m${index}`, index) }, { kind: 'conversation', accountId: 'a1', conversation: conversation(index) });
    }
    // A correction of an earlier one in the same burst replaces it.
    events.push({ kind: 'message', message: { ...message('m3', 3), body: 'corrected' } });
    const one = events.reduce((state, event) => (event.kind === 'message' ? applyMessage(state, event.message) : applyConversation(state, event.accountId, event.conversation)), opened);
    const batched = applyChatEvents(opened, events);
    expect(batched).toEqual(one);
    expect(selectView(batched, 'a1', 'tea@conference.x').messages).toHaveLength(50);
    expect(selectView(batched, 'a1', 'tea@conference.x').messages[2]?.body).toBe('corrected');
    expect(selectConversations(batched, 'a1')).toEqual([conversation(50)]);
  });
});
