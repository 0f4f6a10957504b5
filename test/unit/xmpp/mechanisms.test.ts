import { describe, expect, it } from 'vitest';
import xml from '@xmpp/xml';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { chooseMechanism, startMechanism } from '../../../electron/core/xmpp/sasl/mechanisms.ts';
import { saslFailure } from '../../../electron/core/xmpp/sasl/sasl.ts';

function thrown(action: () => unknown): CausetteError {
  try {
    action();
  } catch (error) {
    if (error instanceof CausetteError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('choosing a SASL mechanism', () => {
  it('prefers SCRAM-SHA-256, then SCRAM-SHA-1, then PLAIN', () => {
    expect(chooseMechanism(['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'], true, 'example.org')).toBe('SCRAM-SHA-256');
    expect(chooseMechanism(['PLAIN', 'SCRAM-SHA-1'], true, 'example.org')).toBe('SCRAM-SHA-1');
    expect(chooseMechanism(['PLAIN'], true, 'example.org')).toBe('PLAIN');
  });

  it('ignores mechanisms it does not implement', () => {
    expect(chooseMechanism(['SCRAM-SHA-256-PLUS', 'DIGEST-MD5', 'SCRAM-SHA-1'], true, 'example.org')).toBe('SCRAM-SHA-1');
  });

  it('never chooses PLAIN on an unencrypted stream', () => {
    expect(chooseMechanism(['PLAIN', 'SCRAM-SHA-1'], false, 'example.org')).toBe('SCRAM-SHA-1');
    const error = thrown(() => chooseMechanism(['PLAIN'], false, 'example.org'));
    expect(error.code).toBe('insecure-stream');
    expect(error.message).toMatch(/example\.org/);
  });

  it('reports what the server offered when nothing is usable', () => {
    const error = thrown(() => chooseMechanism(['DIGEST-MD5', 'X-OAUTH2'], true, 'example.org'));
    expect(error.code).toBe('no-mechanism');
    expect(error.message).toContain('DIGEST-MD5, X-OAUTH2');
  });
});

describe('mechanism runs', () => {
  it('PLAIN sends authzid NUL authcid NUL password (RFC 4616)', () => {
    expect(startMechanism('PLAIN', { username: 'alice', password: 'secret' }).initialResponse).toBe('\u0000alice\u0000secret');
  });

  it('SCRAM does not accept a success that never proved the server signature', () => {
    const mechanism = startMechanism('SCRAM-SHA-1', { username: 'alice', password: 'secret' });
    expect(thrown(() => mechanism.success('')).code).toBe('no-mechanism');
  });
});

describe('SASL failures (RFC 6120 §6.5)', () => {
  const failure = (condition: string, text?: string) =>
    saslFailure(xml('failure', { xmlns: 'urn:ietf:params:xml:ns:xmpp-sasl' }, xml(condition), text ? xml('text', {}, text) : undefined), 'alice@example.org', 'example.org');

  it('maps not-authorized to a rejected password', () => {
    const error = failure('not-authorized');
    expect(error.code).toBe('not-authorized');
    expect(error.message).toBe('The server rejected the password for alice@example.org.');
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
