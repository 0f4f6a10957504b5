import { describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/model/account.ts';
import { findCertificatePrompt } from '../../../renderer/features/certificate/certificate-prompt.ts';
import { certificateKey } from '../../../renderer/stores/ui.ts';

const certificate = {
  fingerprint256: Array.from({ length: 32 }, () => 'AB').join(':'),
  subject: 'CN=example.org',
  issuer: 'CN=example.org',
  validFrom: '2025-01-01T00:00:00Z',
  validTo: '2026-01-01T00:00:00Z',
  problem: 'self-signed certificate',
};

function account(id: string, connection: Account['connection']): Account {
  return { id, jid: `${id}@example.org`, tls: 'auto', passwordSaved: true, pinnedCertificates: [], connection };
}

const untrusted = { code: 'untrusted-certificate', message: 'Not trusted.', certificate } as const;

describe('certificate prompt', () => {
  it('asks about the certificate of an account stopped by it', () => {
    const accounts = [account('a', { status: 'online', jid: 'a@example.org/x', resumed: false }), account('b', { status: 'offline', reason: untrusted })];
    expect(findCertificatePrompt(accounts, [])).toEqual({ account: accounts[1], certificate });
  });

  it('also asks while the account is retrying', () => {
    const accounts = [account('a', { status: 'reconnecting', attempt: 2, nextAttemptAt: 0, reason: untrusted })];
    expect(findCertificatePrompt(accounts, [])?.account.id).toBe('a');
  });

  it('does not ask again about a certificate the user declined', () => {
    const accounts = [account('a', { status: 'offline', reason: untrusted })];
    expect(findCertificatePrompt(accounts, [certificateKey('a', certificate.fingerprint256)])).toBeUndefined();
  });

  it('does not ask without a certificate to show', () => {
    const accounts = [account('a', { status: 'offline', reason: { code: 'untrusted-certificate', message: 'Not trusted.' } })];
    expect(findCertificatePrompt(accounts, [])).toBeUndefined();
  });
});
