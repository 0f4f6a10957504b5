import { describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/model/account.ts';
import { checkAddress, checkNewPassword, checkServer, planSignIn } from '../../../renderer/features/first-run/sign-in-plan.ts';

const failed: Account = {
  id: 'acc1',
  jid: 'alice@example.org',
  tls: 'auto',
  passwordSaved: false,
  pinnedCertificates: [],
  connection: { status: 'offline', reason: { code: 'not-authorized', message: 'Wrong password.' } },
};

describe('welcome form checks', () => {
  it('accepts name@server and refuses other shapes', () => {
    expect(checkAddress(' alice@example.org ')).toEqual({ ok: true, value: 'alice@example.org' });
    expect(checkAddress('alice').ok).toBe(false);
    expect(checkAddress('alice@').ok).toBe(false);
    expect(checkAddress('alice@example.org/phone').ok).toBe(false);
    expect(checkAddress('').ok).toBe(false);
  });

  it('wants two identical, non-empty passwords to create an account', () => {
    expect(checkNewPassword('s3cret', 's3cret')).toEqual({ ok: true, value: 's3cret' });
    expect(checkNewPassword('s3cret', 's3cre')).toEqual({ ok: false, message: 'The two passwords are not the same.' });
    expect(checkNewPassword('', '').ok).toBe(false);
  });

  it('reads the advanced server fields, empty meaning automatic', () => {
    expect(checkServer({ host: '', port: '', tls: 'auto' })).toEqual({ ok: true, value: { tls: 'auto' } });
    expect(checkServer({ host: ' xmpp.example.org ', port: '5223', tls: 'direct' })).toEqual({
      ok: true,
      value: { host: 'xmpp.example.org', port: 5223, tls: 'direct' },
    });
    expect(checkServer({ host: '', port: '70000', tls: 'auto' }).ok).toBe(false);
    expect(checkServer({ host: '', port: 'abc', tls: 'auto' }).ok).toBe(false);
  });
});

describe('retrying a sign-in', () => {
  it('adds an account when none is being signed in', () => {
    expect(planSignIn(undefined, 'alice@example.org', { tls: 'auto' })).toEqual({ kind: 'add' });
  });

  it('signs the same account in again with the new password', () => {
    expect(planSignIn(failed, 'Alice@Example.org', { tls: 'auto' })).toEqual({ kind: 'connect', accountId: 'acc1' });
  });

  it('replaces the failed account when the address or server changed', () => {
    expect(planSignIn(failed, 'bob@example.org', { tls: 'auto' })).toEqual({ kind: 'replace', accountId: 'acc1' });
    expect(planSignIn(failed, 'alice@example.org', { host: 'xmpp.example.org', tls: 'auto' })).toEqual({ kind: 'replace', accountId: 'acc1' });
    expect(planSignIn(failed, 'alice@example.org', { tls: 'direct' })).toEqual({ kind: 'replace', accountId: 'acc1' });
  });
});
