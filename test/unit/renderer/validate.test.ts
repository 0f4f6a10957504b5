import { describe, expect, it } from 'vitest';
import { parseEnvelope, parseEvent, unreadableAnswer } from '../../../renderer/validate.ts';

const account = { id: 'a', jid: 'a@example.org', tls: 'auto', passwordSaved: false, pinnedCertificates: [], connection: { status: 'connecting' } };

describe('answers and events checked against the contract', () => {
  it('passes a valid answer through', () => {
    expect(parseEnvelope('account.add', { ok: true, value: account })).toEqual({ ok: true, value: account });
  });

  it('passes an error answer through with its code and message', () => {
    const error = { code: 'not-authorized', message: 'Wrong password.' };
    expect(parseEnvelope('account.add', { ok: false, error })).toEqual({ ok: false, error });
  });

  it('turns a malformed answer into an error value', () => {
    expect(parseEnvelope('account.add', { ok: true, value: { id: 'a' } })).toEqual({ ok: false, error: unreadableAnswer });
    expect(parseEnvelope('account.remove', 'nonsense')).toEqual({ ok: false, error: unreadableAnswer });
    expect(parseEnvelope('account.add', { ok: false, error: { code: 'made-up', message: 'x' } })).toEqual({ ok: false, error: unreadableAnswer });
  });

  it('accepts a valid event and refuses an invalid one', () => {
    expect(parseEvent('account.removed', { accountId: 'a' })).toEqual({ accountId: 'a' });
    expect(parseEvent('account.updated', { ...account, connection: { status: 'sleeping' } })).toBeUndefined();
    expect(parseEvent('settings.updated', { debugLogging: 'verbose' })).toBeUndefined();
  });
});
