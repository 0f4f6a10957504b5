import { describe, expect, it } from 'vitest';
import xml from '@xmpp/xml';
import type { ChannelBinding } from '../../../electron/core/xmpp/sasl/channel-binding.ts';
import { chooseMechanism, startMechanism } from '../../../electron/core/xmpp/sasl/mechanisms.ts';
import { saslFailure } from '../../../electron/core/xmpp/sasl/sasl.ts';
import { thrownCausetteError } from '../../support/thrown.ts';

const exporter: ChannelBinding = { type: 'tls-exporter', data: Buffer.alloc(32, 7) };
const name = (offered: string[], binding?: ChannelBinding) => chooseMechanism(offered, true, 'example.org', binding).name;

describe('choosing a SASL mechanism', () => {
  it('prefers SCRAM-SHA-256, then SCRAM-SHA-1, then PLAIN', () => {
    expect(name(['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'])).toBe('SCRAM-SHA-256');
    expect(name(['PLAIN', 'SCRAM-SHA-1'])).toBe('SCRAM-SHA-1');
    expect(name(['PLAIN'])).toBe('PLAIN');
  });

  it('prefers -PLUS over plain SCRAM, SHA-256 over SHA-1, when it has a channel binding', () => {
    const all = ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS'];
    expect(chooseMechanism(all, true, 'example.org', exporter)).toEqual({ name: 'SCRAM-SHA-256-PLUS', binding: exporter });
    expect(name(['SCRAM-SHA-256', 'SCRAM-SHA-1-PLUS'], exporter)).toBe('SCRAM-SHA-1-PLUS');
  });

  it('uses plain SCRAM with "n" when the server offers -PLUS but there is no binding to use (RFC 5802 §6)', () => {
    expect(chooseMechanism(['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS'], true, 'example.org')).toEqual({ name: 'SCRAM-SHA-1', binding: 'n' });
    // A -PLUS of a hash Causette lacks: the server supports binding, so "y" would make it fail us.
    expect(chooseMechanism(['SCRAM-SHA-1', 'SCRAM-SHA-512-PLUS'], true, 'example.org', exporter)).toEqual({ name: 'SCRAM-SHA-1', binding: 'n' });
  });

  it('says "y" when it could bind but the server offered no -PLUS (RFC 5802 §6)', () => {
    expect(chooseMechanism(['SCRAM-SHA-1', 'PLAIN'], true, 'example.org', exporter)).toEqual({ name: 'SCRAM-SHA-1', binding: 'y' });
    expect(chooseMechanism(['SCRAM-SHA-1'], true, 'example.org')).toEqual({ name: 'SCRAM-SHA-1', binding: 'n' });
  });

  it('ignores mechanisms it does not implement', () => {
    expect(name(['SCRAM-SHA-512-PLUS', 'DIGEST-MD5', 'SCRAM-SHA-1'])).toBe('SCRAM-SHA-1');
  });

  it('never chooses PLAIN on an unencrypted stream', () => {
    expect(chooseMechanism(['PLAIN', 'SCRAM-SHA-1'], false, 'example.org').name).toBe('SCRAM-SHA-1');
    const error = thrownCausetteError(() => chooseMechanism(['PLAIN'], false, 'example.org'));
    expect(error.code).toBe('insecure-stream');
    expect(error.message).toMatch(/example\.org/);
  });

  it('reports what the server offered when nothing is usable', () => {
    const error = thrownCausetteError(() => chooseMechanism(['DIGEST-MD5', 'X-OAUTH2'], true, 'example.org'));
    expect(error.code).toBe('no-mechanism');
    expect(error.message).toContain('DIGEST-MD5, X-OAUTH2');
  });
});

describe('mechanism runs', () => {
  it('PLAIN sends authzid NUL authcid NUL password (RFC 4616)', () => {
    expect(startMechanism({ name: 'PLAIN', binding: 'n' }, { username: 'alice', password: 'secret' }).initialResponse).toBe('\u0000alice\u0000secret');
  });

  it('SCRAM does not accept a success that never proved the server signature', () => {
    const mechanism = startMechanism({ name: 'SCRAM-SHA-1', binding: 'n' }, { username: 'alice', password: 'secret' });
    expect(thrownCausetteError(() => mechanism.success('')).code).toBe('no-mechanism');
  });

  it('-PLUS starts with the GS2 header of its binding type', () => {
    const mechanism = startMechanism({ name: 'SCRAM-SHA-256-PLUS', binding: exporter }, { username: 'alice', password: 'secret' });
    expect(mechanism.initialResponse).toMatch(/^p=tls-exporter,,n=alice,r=/);
    expect(startMechanism({ name: 'SCRAM-SHA-1', binding: 'y' }, { username: 'alice', password: 'secret' }).initialResponse).toMatch(/^y,,n=alice,r=/);
  });
});

describe('SASL failures (RFC 6120 §6.5)', () => {
  const failure = (condition: string, text?: string) =>
    saslFailure(xml('failure', { xmlns: 'urn:ietf:params:xml:ns:xmpp-sasl' }, xml(condition), text ? xml('text', {}, text) : undefined), 'alice@example.org', 'example.org');

  it('maps not-authorized to a rejected password in plain words, without the mechanism’s own text', () => {
    const error = failure('not-authorized', 'SCRAM: invalid proof');
    expect(error.code).toBe('not-authorized');
    expect(error.message).toBe('Wrong password for alice@example.org, or no such account on example.org.');
    expect(error.params).toEqual({ context: 'password', jid: 'alice@example.org', domain: 'example.org' });
  });

  it("keeps the server's text", () => {
    expect(failure('account-disabled', 'Banned').message).toBe('The account alice@example.org is disabled on the server. The server said: “Banned”');
  });

  it('treats temporary-auth-failure as transient and encryption-required as insecure', () => {
    expect(failure('temporary-auth-failure').code).toBe('stream-error');
    expect(failure('encryption-required').code).toBe('insecure-stream');
    expect(failure('invalid-mechanism').code).toBe('no-mechanism');
  });
});
