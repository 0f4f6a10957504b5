// XEdDSA signing: what we sign with a Curve25519 key is a plain Ed25519 signature under the key's Edwards form (sign bit 0),
// for node:crypto's Ed25519 and for our XEdDSA verification alike; a changed message or key does not verify.
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { montgomeryToEdwards, xeddsaSign } from '../../../electron/core/omemo/xeddsa-sign.ts';
import { xeddsaVerify } from '../../../electron/core/omemo/xeddsa-verify.ts';

const edSpki = Buffer.from('302a300506032b6570032100', 'hex');

function curveKeyPair(): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const pair = generateKeyPairSync('x25519');
  return {
    privateKey: new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32)),
    publicKey: new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)),
  };
}

const ed25519Verify = (edwards: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean =>
  verify(null, message, createPublicKey({ key: Buffer.concat([edSpki, edwards]), format: 'der', type: 'spki' }), signature);

describe('XEdDSA signing', () => {
  it('signs as Ed25519 under the converted key with the sign bit 0, for keys of either sign', () => {
    // Twenty keys: about half of them have a public point whose x is odd, which signing negates (§2.3 calculate_key_pair).
    for (let i = 0; i < 20; i += 1) {
      const { privateKey, publicKey } = curveKeyPair();
      const message = Buffer.from(`signed prekey ${String(i)}`);
      const signature = xeddsaSign(privateKey, message);
      const edwards = montgomeryToEdwards(publicKey);
      expect((edwards[31] ?? 0) & 0x80).toBe(0);
      expect(signature[63] & 0x80).toBe(0);
      expect(ed25519Verify(edwards, message, signature)).toBe(true);
      expect(xeddsaVerify(publicKey, message, signature)).toBe(true);
      expect(ed25519Verify(edwards, Buffer.from(`signed prekey ${String(i + 1)}`), signature)).toBe(false);
      expect(xeddsaVerify(curveKeyPair().publicKey, message, signature)).toBe(false);
    }
  });

  it('makes a fresh signature each time (random nonce), the same for the same nonce', () => {
    const { privateKey } = curveKeyPair();
    const message = Buffer.from('x');
    expect(Buffer.from(xeddsaSign(privateKey, message)).equals(Buffer.from(xeddsaSign(privateKey, message)))).toBe(false);
    const nonce = new Uint8Array(64).fill(3);
    expect(Buffer.from(xeddsaSign(privateKey, message, nonce)).equals(Buffer.from(xeddsaSign(privateKey, message, nonce)))).toBe(true);
  });
});
