// Blind trust before verification (XEP-0384 v0.3.0 §8 leaves trust to the client; this is Conversations' BTBV, which the
// XEP recommends in its security considerations): a contact's devices are trusted as they come until one of them is verified;
// from then on a new device needs the user's decision. A device marked untrusted is never encrypted for.
import type { DeviceIdentity } from '../storage/omemo-keys.ts';

/** Whether we encrypt for `deviceId` of the account whose known device identities are `identities`. */
export function isTrusted(identities: readonly DeviceIdentity[], deviceId: number): boolean {
  const device = identities.find((identity) => identity.deviceId === deviceId);
  if (!device) return false;
  if (device.trust === 'trusted' || device.trust === 'verified') return true;
  if (device.trust === 'untrusted') return false;
  return !identities.some((identity) => identity.trust === 'verified');
}
