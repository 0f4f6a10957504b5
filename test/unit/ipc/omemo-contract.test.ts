// The omemo.* commands and events of the contract: fingerprints, trust and last-seen only, never keys.
import { describe, expect, it } from 'vitest';
import { commands, events } from '../../../shared/ipc/contract.ts';

const fingerprint = '0a1b2c3d 4e5f6071 8293a4b5 c6d7e8f9 0a1b2c3d 4e5f6071 8293a4b5 c6d7e8f9';
const own = { deviceId: 1, fingerprint, trust: 'verified', used: true };

describe('the OMEMO commands and events of the contract', () => {
  it('tells a device list with each device’s trust and when a message from it was last decrypted', () => {
    const event = { accountId: 'a1', jid: 'bob@x', devices: { own, devices: [{ deviceId: 7, fingerprint, trust: 'undecided', used: false, lastSeen: 1_700_000_000_000 }, { deviceId: 8, trust: 'undecided', used: true }] } };
    expect(events['omemo.devices'].safeParse(event).success).toBe(true);
    expect(commands['omemo.devices'].response.safeParse(event.devices).success).toBe(true);
    expect(events['omemo.devices'].safeParse({ ...event, devices: { own, devices: [{ deviceId: 7, trust: 'blind', used: true }] } }).success).toBe(false);
    expect(events['omemo.devices'].safeParse({ ...event, devices: { own, devices: [{ deviceId: 0, trust: 'undecided', used: true }] } }).success).toBe(false);
    expect(events['omemo.devices'].safeParse({ accountId: 'a1', devices: event.devices }).success).toBe(false);
  });

  it('takes a trust decision, never “undecided”, on a positive device id', () => {
    const valid = (request: unknown) => commands['omemo.setTrust'].request.safeParse(request).success;
    for (const trust of ['verified', 'trusted', 'untrusted']) expect(valid({ accountId: 'a1', jid: 'bob@x', deviceId: 7, trust })).toBe(true);
    expect(valid({ accountId: 'a1', jid: 'bob@x', deviceId: 7, trust: 'undecided' })).toBe(false);
    expect(valid({ accountId: 'a1', jid: 'bob@x', deviceId: -1, trust: 'verified' })).toBe(false);
  });
});
