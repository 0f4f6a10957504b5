import type { Element } from '@xmpp/xml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { StanzaError } from '../../../../electron/core/xmpp/errors.ts';
import { createSelfPing, selfPingOutcome } from '../../../../electron/core/xmpp/muc/self-ping.ts';

describe('XEP-0410 §3 outcomes', () => {
  it('reads a result and the errors of a joined client as joined, the unreachable as unknown, any other error as removed', () => {
    expect(selfPingOutcome(undefined)).toBe('joined');
    for (const condition of ['service-unavailable', 'feature-not-implemented', 'item-not-found']) expect(selfPingOutcome(new StanzaError(condition, ''))).toBe('joined');
    for (const condition of ['remote-server-not-found', 'remote-server-timeout']) expect(selfPingOutcome(new StanzaError(condition, ''))).toBe('unknown');
    expect(selfPingOutcome(new Error('timeout'))).toBe('unknown');
    for (const condition of ['not-acceptable', 'not-allowed', 'bad-request']) expect(selfPingOutcome(new StanzaError(condition, ''))).toBe('removed');
  });
});

describe('self-ping timing', () => {
  afterEach(() => vi.useRealTimers());

  it('pings our occupant JID only after a silent spell, again after each answer, and reports a removal once', async () => {
    vi.useFakeTimers();
    const sent: Element[] = [];
    let answer: () => Promise<Element> = () => Promise.resolve({} as Element);
    const removed: string[] = [];
    const ping = createSelfPing({
      connection: { iq: (request: Element) => (sent.push(request), answer()) },
      logger: silentLogger,
      idleMs: 1_000,
      joinedAs: (room) => (removed.includes(room) ? undefined : `${room}/Alice`),
      onRemoved: (room) => removed.push(room),
    });
    ping.seen('tea@conference.example');
    await vi.advanceTimersByTimeAsync(600);
    // The room spoke: the quiet spell starts again.
    ping.seen('tea@conference.example');
    await vi.advanceTimersByTimeAsync(600);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.attrs).toMatchObject({ type: 'get', to: 'tea@conference.example/Alice' });
    expect(sent[0]?.getChild('ping', 'urn:xmpp:ping')).toBeDefined();

    answer = () => Promise.reject(new StanzaError('not-acceptable', ''));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(2);
    expect(removed).toEqual(['tea@conference.example']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(2);
    ping.dispose();
  });
});
