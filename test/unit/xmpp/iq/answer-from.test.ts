import { describe, expect, it } from 'vitest';
import { mayAnswer } from '../../../../electron/core/xmpp/iq/answer-from.ts';

const own = { bare: 'alice@example.org', domain: 'example.org' };

describe('who may answer our iq requests (RFC 6120 §8.2.3, §10.1.4)', () => {
  it('a request to our server is answered by the server: no from, our bare JID or our domain', () => {
    expect(mayAnswer(undefined, undefined, own)).toBe(true);
    expect(mayAnswer(undefined, 'alice@example.org', own)).toBe(true);
    expect(mayAnswer(undefined, 'Alice@Example.ORG', own)).toBe(true);
    expect(mayAnswer(undefined, 'example.org', own)).toBe(true);
  });

  it('a request to our server is not answered by a contact, another of our resources or another server', () => {
    expect(mayAnswer(undefined, 'mallory@example.org/x', own)).toBe(false);
    expect(mayAnswer(undefined, 'alice@example.org/phone', own)).toBe(false);
    expect(mayAnswer(undefined, 'evil.example', own)).toBe(false);
  });

  it('a request to our bare JID is answered with no from or from it, not from the domain', () => {
    expect(mayAnswer('alice@example.org', undefined, own)).toBe(true);
    expect(mayAnswer('alice@example.org', 'alice@example.org', own)).toBe(true);
    expect(mayAnswer('alice@example.org', 'example.org', own)).toBe(false);
    expect(mayAnswer('alice@example.org', 'bob@example.org', own)).toBe(false);
  });

  it('any other request only by the entity asked, resource compared exactly', () => {
    expect(mayAnswer('bob@example.org/desk', 'bob@example.org/desk', own)).toBe(true);
    expect(mayAnswer('bob@example.org/desk', 'BOB@example.org/desk', own)).toBe(true);
    expect(mayAnswer('bob@example.org/desk', 'bob@example.org/Desk', own)).toBe(false);
    expect(mayAnswer('bob@example.org/desk', 'bob@example.org', own)).toBe(false);
    expect(mayAnswer('bob@example.org/desk', undefined, own)).toBe(false);
    expect(mayAnswer('example.org', 'example.org', own)).toBe(true);
    expect(mayAnswer('example.org', undefined, own)).toBe(false);
  });

  it('while registering (no account yet) a request to the server is answered only by it', () => {
    const registering = { bare: undefined, domain: 'example.org' };
    expect(mayAnswer('example.org', 'example.org', registering)).toBe(true);
    expect(mayAnswer('example.org', 'mallory@example.org', registering)).toBe(false);
  });
});
