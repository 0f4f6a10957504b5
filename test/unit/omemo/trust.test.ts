// Blind trust before verification: which devices a message is encrypted for, and what the chat and room headers show by default.
import { describe, expect, it } from 'vitest';
import { encryptionState, roomEncryptionState } from '../../../shared/model/encryption.ts';
import { isTrusted } from '../../../electron/core/omemo/trust.ts';
import type { DeviceIdentity, DeviceTrust } from '../../../electron/core/storage/omemo-keys.ts';

const device = (deviceId: number, trust: DeviceTrust): DeviceIdentity => ({ jid: 'bob@x', deviceId, identityKey: new Uint8Array(33), trust, firstSeen: 1 });

describe('blind trust before verification', () => {
  it('trusts new devices of a contact with no verified device, never an untrusted or unknown one', () => {
    const devices = [device(1, 'undecided'), device(2, 'trusted'), device(3, 'untrusted')];
    expect([1, 2, 3, 4].map((id) => isTrusted(devices, id))).toEqual([true, true, false, false]);
  });

  it('once a device is verified, a new device needs a decision', () => {
    const devices = [device(1, 'verified'), device(2, 'undecided'), device(3, 'trusted')];
    expect([1, 2, 3].map((id) => isTrusted(devices, id))).toEqual([true, false, true]);
  });

  it('a conversation is encrypted by default exactly when the contact has devices, unless the user chose', () => {
    expect(encryptionState('bob@x', undefined, 2)).toEqual({ peer: 'bob@x', on: true, chosen: false, available: true });
    expect(encryptionState('bob@x', undefined, 0)).toEqual({ peer: 'bob@x', on: false, chosen: false, available: false });
    expect(encryptionState('bob@x', false, 2).on).toBe(false);
    expect(encryptionState('bob@x', true, 0)).toEqual({ peer: 'bob@x', on: true, chosen: true, available: false });
  });

  it('a room is encrypted by default exactly when it is members-only and shows real JIDs; otherwise it says why', () => {
    const room = 'r@conference.x';
    expect(roomEncryptionState(room, undefined, { membersOnly: true, nonAnonymous: true })).toEqual({ peer: room, on: true, chosen: false, available: true });
    expect(roomEncryptionState(room, false, { membersOnly: true, nonAnonymous: true }).on).toBe(false);
    expect(roomEncryptionState(room, undefined, { membersOnly: false, nonAnonymous: true })).toEqual({ peer: room, on: false, chosen: false, available: false, reason: 'notMembersOnly' });
    expect(roomEncryptionState(room, undefined, { membersOnly: false, nonAnonymous: false }).reason).toBe('notMembersOnly');
    expect(roomEncryptionState(room, undefined, { membersOnly: true, nonAnonymous: false }).reason).toBe('anonymous');
    // Chosen before the room changed its settings: still on, so that nothing goes out in the clear.
    expect(roomEncryptionState(room, true, { membersOnly: true, nonAnonymous: false })).toMatchObject({ on: true, available: false, reason: 'anonymous' });
  });
});
