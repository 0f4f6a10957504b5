// What the trust in OMEMO devices (XEP-0384 §8, blind trust before verification) means for what a conversation shows: the
// lock on each message, derived from the sending device's trust now (so a later decision changes it), and the new devices
// a banner asks about.
import type { OmemoDevice } from './encryption.ts';

/** verified: encrypted, from a verified device; unverified: encrypted, the device not verified (or not known); plain: not encrypted. */
export type MessageLock = 'verified' | 'unverified' | 'plain';

export function messageLock(encrypted: boolean, device: Pick<OmemoDevice, 'trust'> | undefined): MessageLock {
  if (!encrypted) return 'plain';
  return device?.trust === 'verified' ? 'verified' : 'unverified';
}

/** The devices nothing is encrypted for yet because they await a decision: undecided, of an account with a verified device. */
export function devicesAwaitingDecision(devices: readonly OmemoDevice[]): OmemoDevice[] {
  if (!devices.some((device) => device.trust === 'verified')) return [];
  return devices.filter((device) => device.trust === 'undecided' && !device.used);
}
