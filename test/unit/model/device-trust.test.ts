// What trust in OMEMO devices shows in a conversation: the lock of each message, and the devices a banner asks about.
import { describe, expect, it } from 'vitest';
import { devicesAwaitingDecision, messageLock } from '../../../shared/model/device-trust.ts';
import type { DeviceTrust, OmemoDevice } from '../../../shared/model/encryption.ts';

const device = (deviceId: number, trust: DeviceTrust, used: boolean): OmemoDevice => ({ deviceId, trust, used, fingerprint: 'ab' });

describe('the trust a conversation shows', () => {
  it('locks a message as verified only while its device is verified, whatever it was when it came', () => {
    expect(messageLock(true, { trust: 'verified' })).toBe('verified');
    for (const trust of ['undecided', 'trusted', 'untrusted'] as const) expect(messageLock(true, { trust })).toBe('unverified');
    expect(messageLock(true, undefined)).toBe('unverified');
    expect(messageLock(false, { trust: 'verified' })).toBe('plain');
  });

  it('asks about undecided devices only once the account has a verified one (before that they are trusted blindly)', () => {
    expect(devicesAwaitingDecision([device(1, 'trusted', true), device(2, 'undecided', true)])).toEqual([]);
    const waiting = device(3, 'undecided', false);
    expect(devicesAwaitingDecision([device(1, 'verified', true), waiting, device(4, 'untrusted', false), device(5, 'trusted', true)])).toEqual([waiting]);
  });
});
