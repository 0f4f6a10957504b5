import { describe, expect, it } from 'vitest';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { isPermanent, StanzaError, streamError, toCausetteError, toIqError } from '../../../electron/core/xmpp/errors.ts';

const endpoint = { host: '127.0.0.1', port: 5222, directTls: false };
const nodeError = (code: string) => Object.assign(new Error(`failed ${code}`), { code });
const xmppError = (name: string, condition: string, text = '') => Object.assign(new Error(condition), { name, condition, text });

describe('stream errors (RFC 6120 §4.9.3)', () => {
  it('turns conflict into a permanent conflict', () => {
    const error = streamError('conflict', undefined, 'example.org');
    expect(error.code).toBe('conflict');
    expect(isPermanent(error)).toBe(true);
  });

  it("includes the server's text, and is transient for system-shutdown", () => {
    const error = streamError('system-shutdown', 'Server is shutting down', 'example.org');
    expect(error.code).toBe('stream-error');
    expect(error.message).toBe('The server example.org closed the stream (system-shutdown): “Server is shutting down”');
    expect(isPermanent(error)).toBe(false);
  });

  it('maps what xmpp.js emits as a StreamError', () => {
    expect(toCausetteError(xmppError('StreamError', 'conflict', 'Replaced by new connection'), 'example.org').message).toContain('Replaced by new connection');
    expect(toCausetteError(xmppError('StreamError', 'host-unknown'), 'example.org').code).toBe('host-not-found');
  });
});

describe('network errors', () => {
  it('explains DNS failures', () => {
    const error = toCausetteError(nodeError('ENOTFOUND'), 'example.invalid');
    expect(error.code).toBe('host-not-found');
    expect(error.message).toBe('Could not find the server for example.invalid (DNS)');
    const override = toCausetteError(nodeError('ENOTFOUND'), 'example.org', { host: 'xmpp.example.invalid', port: 5222, directTls: false });
    expect(override.message).toBe('Could not find the server for example.org at xmpp.example.invalid (DNS)');
  });

  it('names the address that refused', () => {
    const error = toCausetteError(nodeError('ECONNREFUSED'), 'localhost', endpoint);
    expect(error.code).toBe('connection-refused');
    expect(error.message).toBe('The server for localhost refused the connection on 127.0.0.1:5222');
  });

  it('maps timeouts, resets and TLS library errors', () => {
    expect(toCausetteError(nodeError('ETIMEDOUT'), 'localhost', endpoint).code).toBe('timeout');
    expect(toCausetteError(Object.assign(new Error('x'), { name: 'TimeoutError' }), 'localhost').code).toBe('timeout');
    expect(toCausetteError(nodeError('ECONNRESET'), 'localhost').code).toBe('stream-error');
    expect(toCausetteError(nodeError('ERR_SSL_WRONG_VERSION_NUMBER'), 'localhost').code).toBe('tls-failure');
  });

  it('passes CausetteErrors through', () => {
    const original = new CausetteError('untrusted-certificate', 'no');
    expect(toCausetteError(original, 'x')).toBe(original);
  });

  it('retries only what a retry can fix', () => {
    for (const code of ['not-authorized', 'untrusted-certificate', 'conflict', 'insecure-stream', 'no-mechanism'] as const) {
      expect(isPermanent(new CausetteError(code, '')), code).toBe(true);
    }
    for (const code of ['connection-refused', 'host-not-found', 'timeout', 'stream-error', 'tls-failure'] as const) {
      expect(isPermanent(new CausetteError(code, '')), code).toBe(false);
    }
  });
});

describe('iq errors (RFC 6120 §8.3)', () => {
  it('keeps the condition for the module that asked', () => {
    const error = toIqError(xmppError('StanzaError', 'item-not-found', 'gone'), 'example.org');
    expect(error).toBeInstanceOf(StanzaError);
    expect(error).toMatchObject({ condition: 'item-not-found', text: 'gone' });
  });

  it('turns a missing answer into a timeout', () => {
    const error = toIqError(Object.assign(new Error(), { name: 'TimeoutError' }), 'example.org');
    expect(error).toBeInstanceOf(CausetteError);
    expect((error as CausetteError).code).toBe('timeout');
  });
});
