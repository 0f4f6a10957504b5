import { describe, expect, it } from 'vitest';
import { splitLinks } from '../../../renderer/features/chat/links.ts';
import { collapsedText } from '../../../renderer/features/chat/message-text.ts';
import { conversationPreview } from '../../../renderer/features/chat/conversation-preview.ts';

describe('links in a message body', () => {
  it('splits http(s), xmpp and mailto links from the text around them, keeping every character', () => {
    const body = 'See https://example.org/a?b=1#c, write to mailto:bob@example.org or join xmpp:room@muc.example.org?join.';
    const parts = splitLinks(body);
    expect(parts.filter((part) => part.kind === 'link').map((part) => part.text)).toEqual([
      'https://example.org/a?b=1#c',
      'mailto:bob@example.org',
      'xmpp:room@muc.example.org?join',
    ]);
    expect(parts.map((part) => part.text).join('')).toBe(body);
  });

  it('keeps a closing bracket that belongs to the address and drops one that ends the sentence', () => {
    expect(splitLinks('(see https://en.wikipedia.org/wiki/Foo_(bar))').find((part) => part.kind === 'link')?.text).toBe(
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    );
    expect(splitLinks('(https://example.org)').find((part) => part.kind === 'link')?.text).toBe('https://example.org');
  });

  it('makes no link of other schemes, markup or a bare scheme', () => {
    for (const body of ['javascript:alert(1)', '<a href="https://x">x</a> ftp://host/file', 'https:// nothing', 'mailto:']) {
      const links = splitLinks(body).filter((part) => part.kind === 'link');
      expect(links.every((link) => link.href.startsWith('https://') || link.href.startsWith('mailto:'))).toBe(true);
      expect(links.some((link) => link.href.startsWith('javascript:') || link.href.startsWith('ftp:'))).toBe(false);
    }
    expect(splitLinks('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
  });
});

describe('collapsing long messages', () => {
  it('shows short messages whole', () => {
    expect(collapsedText('hello\nworld')).toBeUndefined();
    expect(collapsedText('x'.repeat(1_000))).toBeUndefined();
    expect(collapsedText(Array.from({ length: 15 }, () => 'line').join('\n'))).toBeUndefined();
  });

  it('shortens past 1,000 characters or 15 lines', () => {
    const long = collapsedText('y'.repeat(100_000));
    expect(long?.length).toBe(1_001);
    expect(long?.endsWith('…')).toBe(true);
    const lines = collapsedText(Array.from({ length: 40 }, (_, index) => `line ${index}`).join('\n'));
    expect(lines?.split('\n')).toHaveLength(15);
    expect(lines?.startsWith('line 0\n')).toBe(true);
  });

  it('never cuts an emoji in half, and reads only the start of a huge body', () => {
    expect(collapsedText(`${'a'.repeat(999)}👍👍`)).toBe(`${'a'.repeat(999)}…`);
    expect(collapsedText(`${'a'.repeat(998)}👍👍`)).toBe(`${'a'.repeat(998)}👍…`);
    const manyLines = collapsedText('row\n'.repeat(250_000));
    expect(manyLines?.split('\n')).toHaveLength(15);
    expect(collapsedText(`${'b'.repeat(1_000)}\n`)).toBe(`${'b'.repeat(1_000)}…`);
  });
});

describe('the preview line of a conversation', () => {
  it('prefixes ours with "You:", says a retracted message was deleted, and shortens long ones to one line', () => {
    expect(conversationPreview({ body: 'hi', timestamp: 1, direction: 'out' })).toBe('You: hi');
    expect(conversationPreview({ body: 'hi\nthere', timestamp: 1, direction: 'in' })).toBe('hi there');
    // In a room, who wrote it.
    expect(conversationPreview({ body: 'hi', timestamp: 1, direction: 'in', senderNick: 'bob' })).toBe('bob: hi');
    expect(conversationPreview({ body: '', timestamp: 1, direction: 'out', retracted: true })).toBe('Message deleted');
    expect(conversationPreview({ body: 'z'.repeat(200), timestamp: 1, direction: 'in' })).toBe(`${'z'.repeat(80)}…`);
    expect(conversationPreview(undefined)).toBe('');
  });
});
