import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Client } from '@xmpp/client-core';
import xml, { type Element } from '@xmpp/xml';
import type { Logger } from '../../../electron/core/log/logger.ts';
import { logWire, redactedXml } from '../../../electron/core/xmpp/stream/wire-log.ts';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

describe('redaction of the wire log', () => {
  it.each(['auth', 'response', 'challenge', 'success'])('hides the payload of SASL <%s/>', (name) => {
    const text = redactedXml(xml(name, { xmlns: NS_SASL, mechanism: 'SCRAM-SHA-256' }, 'biwsbj11c2VyLHI9Znlrbw=='));
    expect(text).not.toContain('biws');
    expect(text).toContain('[redacted]');
    expect(text).toContain('mechanism="SCRAM-SHA-256"');
  });

  it('keeps SASL failures readable', () => {
    const failure = xml('failure', { xmlns: NS_SASL }, xml('not-authorized'), xml('text', {}, 'Wrong password'));
    expect(redactedXml(failure)).toContain('Wrong password');
  });

  it('hides the password of a registration but not the name', () => {
    const iq = xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:register' }, xml('username', {}, 'alice'), xml('password', {}, 'hunter2')));
    const text = redactedXml(iq);
    expect(text).not.toContain('hunter2');
    expect(text).toContain('<username>alice</username>');
    expect(iq.toString()).toContain('hunter2');
  });

  it('leaves other stanzas untouched', () => {
    const message = xml('message', { to: 'bob@example.org' }, xml('body', {}, 'my password is not a secret here'));
    expect(redactedXml(message)).toBe(message.toString());
  });

  it('logs both directions through logger.stanza, redacted', () => {
    const entity = new EventEmitter() as unknown as Client;
    const logged: string[] = [];
    const logger = { stanza: (direction: string, account: string, text: string) => logged.push(`${direction} ${account} ${text}`) } as unknown as Logger;
    logWire(entity, logger, 'acct');
    const auth: Element = xml('auth', { xmlns: NS_SASL, mechanism: 'PLAIN' }, 'AGFsaWNlAHNlY3JldA==');
    entity.emit('send', auth);
    entity.emit('element', xml('success', { xmlns: NS_SASL }, 'dj1ybUY5cHFW'));
    expect(logged).toEqual([
      `out acct <auth xmlns="${NS_SASL}" mechanism="PLAIN">[redacted]</auth>`,
      `in acct <success xmlns="${NS_SASL}">[redacted]</success>`,
    ]);
  });

  it('does not write stanzas as text for a logger that keeps none', () => {
    const entity = new EventEmitter() as unknown as Client;
    const logged: string[] = [];
    const logger = { stanza: (_direction: string, _account: string, text: string) => logged.push(text), keepsStanzas: () => false } as unknown as Logger;
    logWire(entity, logger, 'acct');
    const message = xml('message', { to: 'bob@example.org' }, xml('body', {}, 'hi'));
    message.toString = () => {
      throw new Error('serialised');
    };
    entity.emit('send', message);
    entity.emit('element', message);
    expect(logged).toEqual([]);
  });
});
