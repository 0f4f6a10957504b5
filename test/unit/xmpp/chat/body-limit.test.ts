// Message bodies: kept whole up to the bound, beyond it cut on a character boundary, with how much was cut for the window to say.
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { NS_FALLBACK, NS_REPLY } from '../../../../electron/core/xmpp/chat/chat-stanzas.ts';
import { boundedBody, maxBodyLength, maxQuoteLength } from '../../../../electron/core/xmpp/chat/body-limit.ts';
import { parseMessage } from '../../../../electron/core/xmpp/chat/message-parse.ts';

const own = 'bob@example.com';
const incoming = (...children: ReturnType<typeof xml>[]) => xml('message', { type: 'chat', from: 'alice@example.org/phone', to: own, id: 'x1' }, ...children);

describe('message body bounds', () => {
  it('keeps a body up to the bound whole', () => {
    const body = 'a'.repeat(maxBodyLength);
    const parsed = parseMessage(incoming(xml('body', {}, body)), own);
    expect(parsed?.body).toBe(body);
    expect(parsed?.bodyCut).toBeUndefined();
  });

  it('cuts a 1 MB body to the bound, on a character boundary, and says how much was cut without words of its own', () => {
    const huge = `${'x'.repeat(maxBodyLength - 1)}${'😀'.repeat(400_000)}`;
    const parsed = parseMessage(incoming(xml('body', {}, huge)), own);
    // The emoji that would straddle the bound is not split in half.
    expect(parsed?.body).toBe('x'.repeat(maxBodyLength - 1));
    expect(parsed?.bodyCut).toBe(800_000);
  });

  it('also bounds a correction’s text and a reply’s quote', () => {
    const long = 'y'.repeat(maxBodyLength + 10);
    const correction = parseMessage(incoming(xml('body', {}, long), xml('replace', { xmlns: 'urn:xmpp:message-correct:0', id: 'x0' })), own);
    expect(correction).toMatchObject({ body: boundedBody(long).text, bodyCut: 10 });
    const quote = `> ${'q'.repeat(5_000)}\n`;
    const reply = parseMessage(
      incoming(xml('body', {}, `${quote}answer`), xml('reply', { xmlns: NS_REPLY, id: 'x0' }), xml('fallback', { xmlns: NS_FALLBACK, for: NS_REPLY }, xml('body', { start: '0', end: String(quote.length) }))),
      own,
    );
    expect(reply?.body).toBe('answer');
    expect(reply?.reply?.quote).toHaveLength(maxQuoteLength);
  });
});
