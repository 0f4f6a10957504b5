// The OMEMO slice: a message's lock read from its device's trust as last told (so a later decision changes it), the banner's
// devices, dismissals, and an account forgotten whole.
import { describe, expect, it } from 'vitest';
import type { OmemoDevices } from '../../../shared/model/encryption.ts';
import { applyDevices, applyOmemoForget, initialOmemo, selectKnownJids, selectMessageLock, selectNewDevices } from '../../../renderer/stores/omemo.ts';

const own = { deviceId: 1, trust: 'verified' as const, used: true };
const devices = (trust: 'undecided' | 'verified'): OmemoDevices => ({
  own,
  devices: [
    { deviceId: 7, trust, used: true, fingerprint: 'aa' },
    { deviceId: 8, trust: 'undecided', used: trust !== 'verified', fingerprint: 'bb' },
  ],
});

describe('the OMEMO slice', () => {
  it('locks a message by its device’s trust now: verifying the device later turns the same message verified', () => {
    let state = applyDevices(initialOmemo, 'a1', 'bob@x', devices('undecided'));
    expect(selectMessageLock(state, 'a1', 'bob@x', 7, true)).toBe('unverified');
    state = applyDevices(state, 'a1', 'bob@x', devices('verified'));
    expect(selectMessageLock(state, 'a1', 'bob@x', 7, true)).toBe('verified');
    expect(selectMessageLock(state, 'a1', 'bob@x', 99, true)).toBe('unverified');
    expect(selectMessageLock(state, 'a1', 'carol@x', 7, true)).toBe('unverified');
    expect(selectMessageLock(state, 'a1', 'bob@x', 7, false)).toBe('plain');
  });

  it('shows the banner for a verified contact’s undecided device until dismissed, and forgets an account whole', () => {
    let state = applyDevices(initialOmemo, 'a1', 'bob@x', devices('undecided'));
    expect(selectNewDevices(state, 'a1', 'bob@x')).toEqual([]);
    state = applyDevices(state, 'a1', 'bob@x', devices('verified'));
    expect(selectNewDevices(state, 'a1', 'bob@x').map((device) => device.deviceId)).toEqual([8]);
    // The core tells of a dismissed banner (kept in its store): that device is no longer shown, another new one would be.
    const verified = devices('verified');
    state = applyDevices(state, 'a1', 'bob@x', { ...verified, devices: verified.devices.map((device) => (device.deviceId === 8 ? { ...device, bannerDismissed: true } : device)) });
    expect(selectNewDevices(state, 'a1', 'bob@x')).toEqual([]);
    state = applyDevices(state, 'a2', 'bob@x', devices('verified'));
    expect(selectNewDevices(state, 'a2', 'bob@x')).toHaveLength(1);
    state = applyOmemoForget(state, 'a1');
    expect(selectKnownJids(state, 'a1')).toEqual([]);
    expect(selectKnownJids(state, 'a2')).toEqual(['bob@x']);
  });
});
