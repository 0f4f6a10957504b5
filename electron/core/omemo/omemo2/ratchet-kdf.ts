// The Double Ratchet's KDFs in OMEMO 2 (XEP-0384 v0.8 §7.2): the root chain is HKDF-SHA-256 keyed by the root key with
// info "OMEMO Root Chain"; a message chain takes HMAC-SHA-256(chain key, 0x01) as message key, (…, 0x02) as next chain key.
import { hkdf, hmac } from './primitives.ts';

export function rootStep(rootKey: Uint8Array, dhOutput: Uint8Array): { rootKey: Uint8Array; chainKey: Uint8Array } {
  const out = hkdf(dhOutput, rootKey, 'OMEMO Root Chain', 64);
  return { rootKey: out.slice(0, 32), chainKey: out.slice(32) };
}

export const chainStep = (chainKey: Uint8Array): { chainKey: Uint8Array; messageKey: Uint8Array } => ({
  chainKey: hmac(chainKey, Uint8Array.of(0x02)),
  messageKey: hmac(chainKey, Uint8Array.of(0x01)),
});
